package org.sipsocial.link;

/** A link operation refused, with the error whose line says why. */
public final class LinkException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient LinkError error;

    public LinkException(LinkError error) {
        super(error.line());
        this.error = error;
    }

    public LinkError error() {
        return error;
    }
}
