package org.sipsocial.sip.message;

import java.util.List;
import org.sipsocial.sip.message.uri.Uri;

/**
 * A request, RFC 3261 §7.1: {@code Request-Line = Method SP Request-URI SP SIP-Version CRLF}.
 */
public final class SipRequest extends SipMessage {
    private final String method;
    private final Uri requestUri;

    SipRequest(String method, Uri requestUri, byte[] startSource, int startFrom, int startTo, List<Header> headers,
               byte[] bodySource, int bodyFrom, int bodyLength) {
        super(startSource, startFrom, startTo, headers, bodySource, bodyFrom, bodyLength);
        this.method = method;
        this.requestUri = requestUri;
    }

    /** A builder for a new request (add Via, From, To, Call-ID, CSeq, Max-Forwards before sending). */
    public static RequestBuilder builder(String method, Uri requestUri) {
        return new RequestBuilder(method, requestUri);
    }

    /** A builder starting from this request; untouched parts are written as they came. */
    public RequestBuilder toBuilder() {
        return new RequestBuilder(this);
    }

    @Override
    public boolean isRequest() {
        return true;
    }

    /** The method, case-sensitive (RFC 3261 §7.1). */
    public String method() {
        return method;
    }

    public boolean isMethod(String m) {
        return method.equals(m);
    }

    public Uri requestUri() {
        return requestUri;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SipRequest && ((SipRequest) o).method.equals(method)
                && ((SipRequest) o).requestUri.toString().equals(requestUri.toString()) && sameContent((SipRequest) o);
    }

    @Override
    public int hashCode() {
        return method.hashCode() * 31 + contentHash();
    }
}
