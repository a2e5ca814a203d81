package org.sipsocial.sip.message;

/** Builds or changes a {@link SipResponse}; see {@link MessageBuilder} for header operations. */
public final class ResponseBuilder extends MessageBuilder<ResponseBuilder> {
    private final SipResponse original;
    private int statusCode;
    private String reasonPhrase;

    ResponseBuilder(int statusCode, String reasonPhrase) {
        this.original = null;
        status(statusCode, reasonPhrase);
    }

    ResponseBuilder(SipResponse response) {
        super(response);
        this.original = response;
        this.statusCode = response.statusCode();
        this.reasonPhrase = response.reasonPhrase();
    }

    /** Sets the Status-Line (RFC 3261 §7.2: code 100-699, reason without CR/LF). */
    public ResponseBuilder status(int code, String reason) {
        if (code < 100 || code > 699) throw new IllegalArgumentException("status code out of range: " + code);
        if (reason.indexOf('\r') >= 0 || reason.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("reason phrase may not contain CR or LF");
        }
        this.statusCode = code;
        this.reasonPhrase = reason;
        return this;
    }

    public SipResponse build() {
        finishHeaders();
        if (original != null && original.statusCode() == statusCode && original.reasonPhrase().equals(reasonPhrase)) {
            return new SipResponse(statusCode, reasonPhrase, original.startSource(), original.startFrom(),
                    original.startFrom() + original.startLength(), headers, bodySource, bodyFrom, bodyLength);
        }
        byte[] line = ascii("SIP/2.0 " + statusCode + " " + reasonPhrase);
        return new SipResponse(statusCode, reasonPhrase, line, 0, line.length, headers, bodySource, bodyFrom,
                bodyLength);
    }
}
