package org.sipsocial.routing;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.sipsocial.sip.message.SipParser;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;
import org.sipsocial.sip.message.header.AuthHeader;
import org.sipsocial.sip.transaction.Hop;

/**
 * A SIP phone written for tests: builds requests as text and answers digest challenges the way phones do. By
 * default it names no User-Agent and answers the first challenge whose algorithm it knows (RFC 8760 §2.4), SHA-256
 * or MD5; {@link #md5Only} makes one that gives up when any challenge is not MD5, as baresip 1.0 does.
 */
final class Phone {
    final String user;
    final String password;
    final InetSocketAddress address;
    private final String userAgent;
    private final boolean md5Only;
    private int cseq = 1;
    private int branch = 1;
    private int nc = 1;

    Phone(String user, String password, InetSocketAddress address) {
        this(user, password, address, null, false);
    }

    Phone(String user, String password, InetSocketAddress address, String userAgent, boolean md5Only) {
        this.user = user;
        this.password = password;
        this.address = address;
        this.userAgent = userAgent;
        this.md5Only = md5Only;
    }

    Hop hop() {
        return Hop.udp(address);
    }

    String contact() {
        return "<sip:" + user + "@" + address.getAddress().getHostAddress() + ":" + address.getPort() + ">";
    }

    SipRequest request(String method, String requestUri, String callId, String extraHeaders, String authorization) {
        return request(method, requestUri, callId, extraHeaders, authorization, "");
    }

    /** A request with {@code sdp} as its body ({@code application/sdp}) when it is not empty. */
    SipRequest request(String method, String requestUri, String callId, String extraHeaders, String authorization, String sdp) {
        String text = method + " " + requestUri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + address.getAddress().getHostAddress() + ":" + address.getPort()
                + ";branch=z9hG4bK" + user + (branch++) + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:" + user + "@" + TestSite.SITE + ">;tag=" + user + "tag\r\n"
                + (method.equals("REGISTER") ? "To: <sip:" + user + "@" + TestSite.SITE + ">\r\n" : "To: <" + requestUri + ">\r\n")
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + (cseq++) + " " + method + "\r\n"
                + "Contact: " + contact() + "\r\n"
                + (userAgent == null ? "" : "User-Agent: " + userAgent + "\r\n")
                + extraHeaders
                + (authorization == null ? "" : authorization)
                + (sdp.isEmpty() ? "" : "Content-Type: application/sdp\r\n")
                + "Content-Length: " + sdp.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + sdp;
        return SipParser.parse(text.getBytes(StandardCharsets.UTF_8)).request();
    }

    /**
     * The Authorization (401) or Proxy-Authorization (407) line answering the first offer of {@code challenge} this
     * phone can answer, or null when it gives up (an {@link #md5Only} phone offered anything but MD5).
     */
    String answer(SipResponse challenge, String method, String uri) {
        boolean proxy = challenge.statusCode() == 407;
        List<AuthHeader> offers = proxy ? challenge.proxyAuthenticate() : challenge.wwwAuthenticate();
        if (md5Only && offers.stream().anyMatch(o -> !"MD5".equalsIgnoreCase(o.parameter("algorithm")))) {
            return null;
        }
        AuthHeader offer = offers.stream().filter(o -> Set.of("MD5", "SHA-256").contains(o.parameter("algorithm")))
                .findFirst().orElseThrow();
        String algorithm = offer.parameter("algorithm");
        String nonce = offer.parameter("nonce");
        String realm = offer.parameter("realm");
        String ncText = String.format("%08x", nc++);
        String ha1 = hash(algorithm, user + ":" + realm + ":" + password);
        String ha2 = hash(algorithm, method + ":" + uri);
        String response = hash(algorithm, ha1 + ":" + nonce + ":" + ncText + ":abcdef:auth:" + ha2);
        return (proxy ? "Proxy-Authorization" : "Authorization") + ": Digest username=\"" + user + "\", realm=\"" + realm
                + "\", nonce=\"" + nonce + "\", uri=\"" + uri + "\", response=\"" + response
                + "\", algorithm=" + algorithm + ", cnonce=\"abcdef\", qop=auth, nc=" + ncText + "\r\n";
    }

    private static String hash(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
