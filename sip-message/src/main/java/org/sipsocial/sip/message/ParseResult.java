package org.sipsocial.sip.message;

/**
 * What {@link SipParser} returns: a message (and how many input bytes it used, so trailing
 * octets after the body can be discarded, RFC 4475 §3.1.1.8) or a {@link Rejection}.
 */
public final class ParseResult {
    private final SipMessage message;
    private final int length;
    private final Rejection rejection;

    private ParseResult(SipMessage message, int length, Rejection rejection) {
        this.message = message;
        this.length = length;
        this.rejection = rejection;
    }

    static ParseResult parsed(SipMessage message, int length) {
        return new ParseResult(message, length, null);
    }

    static ParseResult rejected(Rejection rejection) {
        return new ParseResult(null, 0, rejection);
    }

    public boolean isMessage() {
        return message != null;
    }

    /** The message. @throws IllegalStateException when rejected */
    public SipMessage message() {
        if (message == null) throw new IllegalStateException("rejected: " + rejection);
        return message;
    }

    /** The message as a request. @throws IllegalStateException when rejected or a response */
    public SipRequest request() {
        if (!(message() instanceof SipRequest)) throw new IllegalStateException("not a request");
        return (SipRequest) message;
    }

    /** The message as a response. @throws IllegalStateException when rejected or a request */
    public SipResponse response() {
        if (!(message() instanceof SipResponse)) throw new IllegalStateException("not a response");
        return (SipResponse) message;
    }

    /** Input bytes the message occupied (leading CRLFs included, trailing octets not). */
    public int length() {
        return length;
    }

    /** The rejection, or {@code null} for a message. */
    public Rejection rejection() {
        return rejection;
    }

    @Override
    public String toString() {
        return message != null ? "parsed " + message.startLine() : rejection.toString();
    }
}
