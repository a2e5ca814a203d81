package org.sipsocial.sip.transport;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.sipsocial.sip.message.Responses;
import org.sipsocial.sip.message.SipParser;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;

/** Requests and responses for transport tests. */
final class Messages {
    private static final AtomicLong COUNTER = new AtomicLong();

    private Messages() {
    }

    /** An OPTIONS whose top Via names {@code sentBy} with the given extra Via parameters (e.g. {@code ;rport}). */
    static SipRequest options(Transport transport, String sentBy, String viaParameters) {
        return SipParser.parse(optionsText(transport, sentBy, viaParameters).getBytes(StandardCharsets.UTF_8))
                .request();
    }

    static SipRequest options(Transport transport, InetSocketAddress sentBy) {
        return options(transport, hostPort(sentBy), ";rport");
    }

    static String optionsText(Transport transport, String sentBy, String viaParameters) {
        long n = COUNTER.incrementAndGet();
        return "OPTIONS sip:bob@site.test SIP/2.0\r\n"
                + "Via: SIP/2.0/" + transport.viaName() + " " + sentBy + ";branch=z9hG4bK-t" + n + viaParameters + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:alice@site.test>;tag=a" + n + "\r\n"
                + "To: <sip:bob@site.test>\r\n"
                + "Call-ID: call-" + n + "@site.test\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    /** True for a request made here (its Call-ID is ours). */
    static boolean isOurs(SipRequest request) {
        return request.callId().startsWith("call-") && request.callId().endsWith("@site.test");
    }

    static SipResponse ok(SipRequest request) {
        return Responses.create(request, 200, "OK", "srv").build();
    }

    static String hostPort(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
