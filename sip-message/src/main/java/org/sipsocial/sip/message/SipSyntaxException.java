package org.sipsocial.sip.message;

/**
 * A header value, URI or SDP line that does not match its ABNF.
 *
 * <p>{@link SipParser} never lets this escape: it turns it into a {@link Rejection}. It reaches
 * callers only from typed accessors of headers that the parser does not check eagerly (for
 * example {@code message.accept()} on a malformed {@code Accept}) and from factories such as
 * {@code Via.parse(String)}. It carries no stack trace: hostile input must be cheap to refuse.
 */
public final class SipSyntaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int offset;

    public SipSyntaxException(String message, int offset) {
        super(message, null, false, false);
        this.offset = offset;
    }

    /** Offset within the text being parsed (a header value, a URI or an SDP line). */
    public int offset() {
        return offset;
    }
}
