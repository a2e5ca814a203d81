package org.sipsocial.store;

/** A refusal from the store: its {@link StoreFailure reason} and one line for the administrator. */
public final class StoreException extends RuntimeException {
    private final StoreFailure reason;

    public StoreException(StoreFailure reason, String message) {
        this(reason, message, null);
    }

    public StoreException(StoreFailure reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public StoreFailure reason() {
        return reason;
    }
}
