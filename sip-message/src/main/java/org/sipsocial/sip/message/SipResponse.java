package org.sipsocial.sip.message;

import java.util.List;

/**
 * A response, RFC 3261 §7.2: {@code Status-Line = SIP-Version SP Status-Code SP Reason-Phrase CRLF}.
 */
public final class SipResponse extends SipMessage {
    private final int statusCode;
    private final String reasonPhrase;

    SipResponse(int statusCode, String reasonPhrase, byte[] startSource, int startFrom, int startTo,
                List<Header> headers, byte[] bodySource, int bodyFrom, int bodyLength) {
        super(startSource, startFrom, startTo, headers, bodySource, bodyFrom, bodyLength);
        this.statusCode = statusCode;
        this.reasonPhrase = reasonPhrase;
    }

    /** A builder for a new response; see {@link Responses#create} for one that answers a request. */
    public static ResponseBuilder builder(int statusCode, String reasonPhrase) {
        return new ResponseBuilder(statusCode, reasonPhrase);
    }

    /** A builder starting from this response; untouched parts are written as they came. */
    public ResponseBuilder toBuilder() {
        return new ResponseBuilder(this);
    }

    @Override
    public boolean isRequest() {
        return false;
    }

    /** 100-699. */
    public int statusCode() {
        return statusCode;
    }

    /** The reason phrase as written (UTF-8, possibly empty, RFC 4475 §3.1.1.12/13). */
    public String reasonPhrase() {
        return reasonPhrase;
    }

    /** 1xx. */
    public boolean isProvisional() {
        return statusCode < 200;
    }

    /** 2xx. */
    public boolean isSuccess() {
        return statusCode >= 200 && statusCode < 300;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SipResponse && ((SipResponse) o).statusCode == statusCode
                && ((SipResponse) o).reasonPhrase.equals(reasonPhrase) && sameContent((SipResponse) o);
    }

    @Override
    public int hashCode() {
        return statusCode * 31 + contentHash();
    }
}
