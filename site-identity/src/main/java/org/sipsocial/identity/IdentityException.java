package org.sipsocial.identity;

/** A refusal from the identity layer: its {@link IdentityFailure reason} and one line for the administrator. */
public final class IdentityException extends RuntimeException {
    private final IdentityFailure reason;

    public IdentityException(IdentityFailure reason, String message) {
        this(reason, message, null);
    }

    public IdentityException(IdentityFailure reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public IdentityFailure reason() {
        return reason;
    }
}
