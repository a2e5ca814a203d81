package org.sipsocial.sip.message;

import java.util.Objects;
import org.sipsocial.sip.message.uri.Uri;

/** Builds or changes a {@link SipRequest}; see {@link MessageBuilder} for header operations. */
public final class RequestBuilder extends MessageBuilder<RequestBuilder> {
    private final SipRequest original;
    private String method;
    private Uri requestUri;

    RequestBuilder(String method, Uri requestUri) {
        if (!Syntax.isToken(method)) throw new IllegalArgumentException("method is not a token: " + method);
        this.original = null;
        this.method = method;
        this.requestUri = Objects.requireNonNull(requestUri);
    }

    RequestBuilder(SipRequest request) {
        super(request);
        this.original = request;
        this.method = request.method();
        this.requestUri = request.requestUri();
    }

    /** Rewrites the Request-URI (RFC 3261 §16.6 step 2, §16.12). */
    public RequestBuilder requestUri(Uri uri) {
        this.requestUri = Objects.requireNonNull(uri);
        return this;
    }

    /**
     * Decrements Max-Forwards, or adds {@code Max-Forwards: 70} when absent (RFC 3261 §16.6
     * step 3).
     *
     * @throws IllegalStateException when it is already 0 (answer 483 instead, RFC 3261 §16.3)
     */
    public RequestBuilder decrementMaxForwards() {
        int at = indexOf(HeaderName.MAX_FORWARDS);
        if (at < 0) return setHeader(HeaderName.MAX_FORWARDS, "70");
        int n = (Integer) headers.get(at).typed();
        if (n <= 0) throw new IllegalStateException("Max-Forwards is 0: answer 483 Too Many Hops");
        return setHeader(HeaderName.MAX_FORWARDS, Integer.toString(n - 1));
    }

    public SipRequest build() {
        finishHeaders();
        if (original != null && original.method().equals(method) && original.requestUri() == requestUri) {
            return new SipRequest(method, requestUri, original.startSource(), original.startFrom(),
                    original.startFrom() + original.startLength(), headers, bodySource, bodyFrom, bodyLength);
        }
        byte[] line = ascii(method + " " + requestUri + " SIP/2.0");
        return new SipRequest(method, requestUri, line, 0, line.length, headers, bodySource, bodyFrom, bodyLength);
    }
}
