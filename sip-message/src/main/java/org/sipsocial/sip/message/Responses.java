package org.sipsocial.sip.message;

/**
 * Responses to a request, RFC 3261 §8.2.6: Via (all, in order), From, Call-ID and CSeq are copied
 * byte for byte; To is copied and gets the UAS tag when it has none (§8.2.6.2, not on 100);
 * {@code 100 Trying} copies Timestamp (§8.2.6.1).
 */
public final class Responses {
    private Responses() {
    }

    /**
     * A response to {@code request}.
     *
     * @param toTag the tag to add to To when the request's To has none (ignored for 100;
     *              {@code null} to add none)
     */
    public static ResponseBuilder create(SipRequest request, int statusCode, String reasonPhrase, String toTag) {
        ResponseBuilder b = SipResponse.builder(statusCode, reasonPhrase);
        for (Header h : request.headers()) {
            HeaderName n = h.known();
            if (n == HeaderName.VIA || n == HeaderName.FROM || n == HeaderName.CALL_ID || n == HeaderName.CSEQ
                    || (n == HeaderName.TIMESTAMP && statusCode == 100)) {
                b.addHeader(h);
            } else if (n == HeaderName.TO) {
                if (toTag != null && statusCode > 100 && request.to().tag() == null) {
                    b.addHeader(Header.of(HeaderName.TO, request.to().withTag(toTag)));
                } else {
                    b.addHeader(h);
                }
            }
        }
        return b;
    }
}
