package org.sipsocial.sip.transport;

/** A failed send, carrying its {@link TransportFailure}. */
public final class TransportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final TransportFailure failure;

    public TransportException(TransportFailure failure, String detail) {
        super(failure + ": " + detail);
        this.failure = failure;
    }

    public TransportException(TransportFailure failure, String detail, Throwable cause) {
        super(failure + ": " + detail, cause);
        this.failure = failure;
    }

    public TransportFailure failure() {
        return failure;
    }
}
