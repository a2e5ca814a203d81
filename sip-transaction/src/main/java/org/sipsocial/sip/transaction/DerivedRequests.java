package org.sipsocial.sip.transaction;

import org.sipsocial.sip.message.Header;
import org.sipsocial.sip.message.HeaderName;
import org.sipsocial.sip.message.RequestBuilder;
import org.sipsocial.sip.message.SipMethod;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;

/**
 * Requests made from an INVITE: the ACK for a non-2xx final response (RFC 3261 §17.1.1.3) and the
 * CANCEL (§9.1). Both copy the INVITE's Request-URI, Call-ID, From, CSeq number, top Via only (so
 * they reach the same server transaction, or, for the CANCEL, the same hop with the same branch) and
 * Route headers; they carry no body.
 */
public final class DerivedRequests {
    /** Max-Forwards of derived requests (RFC 3261 §8.1.1.6). */
    static final int MAX_FORWARDS = 70;

    private DerivedRequests() {
    }

    /**
     * The ACK for a 300-699 response to {@code invite}, RFC 3261 §17.1.1.3: To is the response's (with
     * its tag), CSeq method ACK.
     */
    public static SipRequest ack(SipRequest invite, SipResponse response) {
        if (!invite.isMethod(SipMethod.INVITE)) throw new IllegalArgumentException("not an INVITE: " + invite.method());
        if (response.statusCode() < 300) {
            throw new IllegalArgumentException("the ACK for a 2xx is the core's (RFC 3261 §13.2.2.4), not the transaction's");
        }
        return derive(invite, SipMethod.ACK, response.header(HeaderName.TO.text()));
    }

    /** The CANCEL of {@code invite}, RFC 3261 §9.1: To as in the INVITE, CSeq method CANCEL. */
    public static SipRequest cancel(SipRequest invite) {
        if (!invite.isMethod(SipMethod.INVITE)) throw new IllegalArgumentException("not an INVITE: " + invite.method());
        return derive(invite, SipMethod.CANCEL, invite.header(HeaderName.TO.text()));
    }

    private static SipRequest derive(SipRequest invite, String method, Header to) {
        RequestBuilder b = SipRequest.builder(method, invite.requestUri())
                .addHeader(Header.of(HeaderName.VIA, invite.topVia()))
                .addHeader(invite.header(HeaderName.FROM.text()))
                .addHeader(to)
                .addHeader(invite.header(HeaderName.CALL_ID.text()))
                .addHeader(HeaderName.CSEQ.text(), invite.cSeq().number() + " " + method)
                .addHeader(HeaderName.MAX_FORWARDS.text(), Integer.toString(MAX_FORWARDS));
        for (Header route : invite.headers(HeaderName.ROUTE)) b.addHeader(route);
        return b.build();
    }
}
