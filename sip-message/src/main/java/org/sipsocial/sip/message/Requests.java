package org.sipsocial.sip.message;

import org.sipsocial.sip.message.header.CSeq;
import org.sipsocial.sip.message.header.Via;

/**
 * Requests a client transaction builds from another request (RFC 3261 §9.1, §17.1.1.3). Copied
 * headers keep their original bytes.
 */
public final class Requests {
    private Requests() {
    }

    /**
     * CANCEL for {@code request} (RFC 3261 §9.1): same Request-URI, Call-ID, From, To and CSeq
     * number; CSeq method CANCEL; only the request's top Via; its Route headers; Max-Forwards 70.
     */
    public static SipRequest cancel(SipRequest request) {
        requireInvite(request);
        return derive(request, SipMethod.CANCEL, request.header(HeaderName.TO));
    }

    /**
     * ACK for a non-2xx final response to an INVITE (RFC 3261 §17.1.1.3): like CANCEL, but the To
     * comes from the response (with the UAS tag).
     */
    public static SipRequest ackForNon2xx(SipRequest invite, SipResponse response) {
        requireInvite(invite);
        if (response.statusCode() < 300) {
            throw new IllegalArgumentException("the ACK for a 2xx is the core's (RFC 3261 §13.2.2.4), not a derived request");
        }
        return derive(invite, SipMethod.ACK, response.header(HeaderName.TO));
    }

    /** Only an INVITE is cancelled or acknowledged this way (RFC 3261 §9.1: CANCEL of other methods is useless). */
    private static void requireInvite(SipRequest request) {
        if (!request.isMethod(SipMethod.INVITE)) {
            throw new IllegalArgumentException("not an INVITE: " + request.method());
        }
    }

    private static SipRequest derive(SipRequest request, String method, Header to) {
        Via top = request.topVia();
        RequestBuilder b = SipRequest.builder(method, request.requestUri()).pushVia(top);
        for (Header h : request.headers()) {
            HeaderName n = h.known();
            if (n == HeaderName.FROM || n == HeaderName.CALL_ID || n == HeaderName.ROUTE) b.addHeader(h);
        }
        b.addHeader(to);
        b.addHeader(Header.of(HeaderName.CSEQ, new CSeq(request.cSeq().number(), method)));
        b.addHeader("Max-Forwards", "70");
        return b.build();
    }
}
