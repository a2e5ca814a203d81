package org.sipsocial.routing;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.sipsocial.sip.message.SipParser;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;
import org.sipsocial.sip.message.header.AuthHeader;
import org.sipsocial.sip.transaction.Hop;

/** A SIP phone written for tests: builds requests as text and answers digest challenges the way phones do. */
final class Phone {
    final String user;
    final String password;
    final InetSocketAddress address;
    private int cseq = 1;
    private int branch = 1;
    private int nc = 1;

    Phone(String user, String password, InetSocketAddress address) {
        this.user = user;
        this.password = password;
        this.address = address;
    }

    Hop hop() {
        return Hop.udp(address);
    }

    String contact() {
        return "<sip:" + user + "@" + address.getAddress().getHostAddress() + ":" + address.getPort() + ">";
    }

    SipRequest request(String method, String requestUri, String callId, String extraHeaders, String authorization) {
        String text = method + " " + requestUri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + address.getAddress().getHostAddress() + ":" + address.getPort()
                + ";branch=z9hG4bK" + user + (branch++) + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:" + user + "@" + TestSite.SITE + ">;tag=" + user + "tag\r\n"
                + (method.equals("REGISTER") ? "To: <sip:" + user + "@" + TestSite.SITE + ">\r\n" : "To: <" + requestUri + ">\r\n")
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + (cseq++) + " " + method + "\r\n"
                + "Contact: " + contact() + "\r\n"
                + extraHeaders
                + (authorization == null ? "" : authorization)
                + "Content-Length: 0\r\n\r\n";
        return SipParser.parse(text.getBytes(StandardCharsets.UTF_8)).request();
    }

    /** The Authorization (401) or Proxy-Authorization (407) line answering {@code challenge}'s first offer. */
    String answer(SipResponse challenge, String method, String uri) {
        boolean proxy = challenge.statusCode() == 407;
        AuthHeader offer = (proxy ? challenge.proxyAuthenticate() : challenge.wwwAuthenticate()).get(0);
        String nonce = offer.parameter("nonce");
        String realm = offer.parameter("realm");
        String ncText = String.format("%08x", nc++);
        String ha1 = sha256(user + ":" + realm + ":" + password);
        String ha2 = sha256(method + ":" + uri);
        String response = sha256(ha1 + ":" + nonce + ":" + ncText + ":abcdef:auth:" + ha2);
        return (proxy ? "Proxy-Authorization" : "Authorization") + ": Digest username=\"" + user + "\", realm=\"" + realm
                + "\", nonce=\"" + nonce + "\", uri=\"" + uri + "\", response=\"" + response
                + "\", algorithm=SHA-256, cnonce=\"abcdef\", qop=auth, nc=" + ncText + "\r\n";
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
