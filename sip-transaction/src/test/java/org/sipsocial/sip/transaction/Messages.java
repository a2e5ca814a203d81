package org.sipsocial.sip.transaction;

import java.nio.charset.StandardCharsets;
import org.sipsocial.sip.message.ParseResult;
import org.sipsocial.sip.message.Responses;
import org.sipsocial.sip.message.SipParser;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;

/** Requests written as text and parsed, as they would arrive, and responses made with the codec's {@code Responses}. */
final class Messages {
    static final String UAS_TAG = "uas-1";

    private String method;
    private String requestUri = "sip:bob@example.com";
    private String transport = "UDP";
    private String sentBy = "192.0.2.10:5060";
    private String branch = "z9hG4bK-branch-1";
    private String fromTag = "from-1";
    private String toTag;
    private String callId = "call-1@192.0.2.10";
    private long cSeq = 1;
    private String cSeqMethod;
    private String extra = "";

    private Messages(String method) {
        this.method = method;
        this.cSeqMethod = method;
    }

    static Messages request(String method) {
        return new Messages(method);
    }

    static SipRequest invite() {
        return request("INVITE").build();
    }

    static SipRequest options() {
        return request("OPTIONS").build();
    }

    Messages branch(String b) {
        this.branch = b;
        return this;
    }

    Messages sentBy(String s) {
        this.sentBy = s;
        return this;
    }

    Messages transport(String t) {
        this.transport = t;
        return this;
    }

    Messages requestUri(String u) {
        this.requestUri = u;
        return this;
    }

    Messages fromTag(String t) {
        this.fromTag = t;
        return this;
    }

    Messages toTag(String t) {
        this.toTag = t;
        return this;
    }

    Messages callId(String c) {
        this.callId = c;
        return this;
    }

    Messages cSeq(long n) {
        this.cSeq = n;
        return this;
    }

    Messages cSeqMethod(String m) {
        this.cSeqMethod = m;
        return this;
    }

    /** Adds a header line, e.g. {@code Route: <sip:p1.example.com;lr>}. */
    Messages header(String line) {
        this.extra += line + "\r\n";
        return this;
    }

    SipRequest build() {
        String text = method + " " + requestUri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/" + transport + " " + sentBy + (branch == null ? "" : ";branch=" + branch) + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:alice@example.com>" + (fromTag == null ? "" : ";tag=" + fromTag) + "\r\n"
                + "To: <sip:bob@example.com>" + (toTag == null ? "" : ";tag=" + toTag) + "\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cSeq + " " + cSeqMethod + "\r\n"
                + extra
                + "Content-Length: 0\r\n\r\n";
        return (SipRequest) parse(text);
    }

    static Object parse(String text) {
        ParseResult r = SipParser.parse(text.getBytes(StandardCharsets.UTF_8));
        if (!r.isMessage()) throw new AssertionError("test message rejected: " + r + "\n" + text);
        return r.message();
    }

    /** A response to {@code request} as the UAS would send it (To tag {@link #UAS_TAG} on all but 100). */
    /** The ACK of a 2xx to {@link #invite()}: a request of its own, with a new branch and the 2xx's To tag (RFC 3261 §13.2.2.4). */
    static Messages ackOf2xx() {
        return request("ACK").branch("z9hG4bK-ack-of-2xx").toTag(UAS_TAG);
    }

    static SipResponse response(SipRequest request, int status) {
        return Responses.create(request, status, reason(status), UAS_TAG).build();
    }

    /** The response, written and parsed again, as it would arrive from the wire. */
    static SipResponse received(SipRequest request, int status) {
        return (SipResponse) parse(response(request, status).toString());
    }

    private static String reason(int status) {
        switch (status) {
            case 100:
                return "Trying";
            case 180:
                return "Ringing";
            case 200:
                return "OK";
            case 486:
                return "Busy Here";
            default:
                return "Status " + status;
        }
    }
}
