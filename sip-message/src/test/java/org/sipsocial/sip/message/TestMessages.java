package org.sipsocial.sip.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

/** Small messages for header tests: a valid OPTIONS with the given extra header lines. */
public final class TestMessages {
    private TestMessages() {
    }

    public static String options(String... extraHeaders) {
        StringBuilder b = new StringBuilder("OPTIONS sip:bob@example.com SIP/2.0\r\n")
                .append("Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-1\r\n")
                .append("From: <sip:alice@example.com>;tag=a1\r\n")
                .append("To: <sip:bob@example.com>\r\n")
                .append("Call-ID: c1@192.0.2.1\r\n")
                .append("CSeq: 1 OPTIONS\r\n");
        for (String h : extraHeaders) b.append(h).append("\r\n");
        return b.append("Content-Length: 0\r\n\r\n").toString();
    }

    /** Parses text that must be accepted. */
    public static SipMessage parse(String text) {
        ParseResult r = SipParser.parse(text.getBytes(StandardCharsets.UTF_8));
        assertThat(r.isMessage()).as("%s", r).isTrue();
        return r.message();
    }

    /** Parses an OPTIONS with these extra headers, which must be accepted. */
    public static SipMessage withHeaders(String... extraHeaders) {
        return parse(options(extraHeaders));
    }

    /** The rejection of text that must be refused. */
    public static Rejection rejection(String text) {
        ParseResult r = SipParser.parse(text.getBytes(StandardCharsets.UTF_8));
        assertThat(r.isMessage()).as("must be rejected: %s", text).isFalse();
        return r.rejection();
    }
}
