package org.sipsocial.link;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.sipsocial.identity.SiteName;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.header.Via;

/**
 * The link's own SIP messages, sent over the link in both directions (RFC 5923: one connection carries
 * requests both ways). Each is an OPTIONS (RFC 3261 §11) with a {@code Link-Action} header:
 *
 * <pre>
 * probe       either side asks; the 200's top Via carries received/rport (RFC 3581), the address the asker is
 *             seen from, and the time to the answer is the round-trip time. The answering side sends one first,
 *             right after the handshake: it proves that our certificate was accepted
 * connect     the dialler asks to link, after the answerer's probe; 200 = linked, 480 Disconnected Here = the
 *             other side's administrator disconnected the dialler and has not pressed Connect since (the
 *             certificate import is the consent: nothing else refuses a connect)
 * disconnect  the sender's administrator pressed Disconnect; 200, then the link closes on both sides
 * directory   on a link that is up, one page of the sender's directory ({@link LinkDirectory}): the AORs of its
 *             listed users, one per line, {@code Link-Directory-Page: N/OF}; 200, or 400 / 413 with the reason
 * relay, relay-offer, relay-join
 *             issue 15's relayed links ({@link org.sipsocial.link.relay.RelayHeaders})
 * </pre>
 *
 * Keep-alives are RFC 5626 §3.5.1 CRLF ping (CRLFCRLF) and pong (CRLF), outside these messages.
 */
final class LinkMessages {
    static final String ACTION_HEADER = "Link-Action";
    static final String CONNECT = "connect";
    static final String PROBE = "probe";
    static final String DISCONNECT = "disconnect";
    static final String DIRECTORY = "directory";
    static final String PAGE_HEADER = "Link-Directory-Page";
    static final int DISCONNECTED_HERE = 480;
    static final byte[] PING = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] PONG = "\r\n".getBytes(StandardCharsets.US_ASCII);

    private static final SecureRandom RANDOM = new SecureRandom();

    private LinkMessages() {
    }

    static byte[] request(String action, SiteName from, SiteName to, InetSocketAddress local, int cseq) {
        return request(action, from, to, local, cseq, "", new byte[0]);
    }

    /** One page of our directory, {@code number} of {@code of}. */
    static byte[] directoryPage(SiteName from, SiteName to, InetSocketAddress local, int cseq, int number, int of,
                                byte[] body) {
        return request(DIRECTORY, from, to, local, cseq, PAGE_HEADER + ": " + number + "/" + of + "\r\n"
                + "Content-Type: text/plain;charset=us-ascii\r\n", body);
    }

    /** A link request with extra header lines ({@code headers}, each ending in CRLF) and a body. */
    static byte[] request(String action, SiteName from, SiteName to, InetSocketAddress local, int cseq,
                          String headers, byte[] body) {
        String text = "OPTIONS sip:" + to + " SIP/2.0\r\n"
                + "Via: SIP/2.0/TLS " + hostPort(local) + ";branch=" + Via.MAGIC_COOKIE + token() + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:" + from + ">;tag=" + token() + "\r\n"
                + "To: <sip:" + to + ">\r\n"
                + "Call-ID: " + token() + "@" + from + "\r\n"
                + "CSeq: " + cseq + " OPTIONS\r\n"
                + ACTION_HEADER + ": " + action + "\r\n"
                + headers
                + "Content-Length: " + body.length + "\r\n\r\n";
        byte[] head = text.getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = java.util.Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, bytes, head.length, body.length);
        return bytes;
    }

    /** The answer to {@code request}, its top Via stamped with where the request came from (RFC 3581 §4). */
    static byte[] response(SipRequest request, int status, String reason, InetSocketAddress source) {
        Via via = request.topVia().withReceived(source.getAddress().getHostAddress()).withRport(source.getPort());
        String text = "SIP/2.0 " + status + " " + reason + "\r\n"
                + "Via: " + via + "\r\n"
                + "From: " + request.headerValue("From") + "\r\n"
                + "To: " + request.headerValue("To") + ";tag=" + token() + "\r\n"
                + "Call-ID: " + request.callId() + "\r\n"
                + "CSeq: " + request.headerValue("CSeq") + "\r\n"
                + ACTION_HEADER + ": " + request.headerValue(ACTION_HEADER) + "\r\n"
                + "Content-Length: 0\r\n\r\n";
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** The address the top Via says the request was received from, or {@code null} when it was not stamped. */
    static InetSocketAddress seenFrom(Via via) {
        if (via.received() == null || !via.hasRport() || via.rport() <= 0) return null;
        return InetSocketAddress.createUnresolved(via.received(), via.rport());
    }

    static String hostPort(InetSocketAddress address) {
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + address.getPort() : host + ":" + address.getPort();
    }

    private static String token() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
