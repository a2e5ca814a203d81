package org.sipsocial.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sipsocial.sip.message.TestMessages.options;
import static org.sipsocial.sip.message.TestMessages.rejection;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sipsocial.testkit.Rfc4475Vectors;

class ParserRejectionTest {
    @Test
    void bare_lf_line_ends_are_rejected() {
        assertThat(rejection(options().replace("\r\n", "\n")).reason()).isEqualTo(RejectReason.BAD_LINE_END);
    }

    @Test
    void a_header_without_colon_is_rejected_with_its_name_and_offset() {
        String text = options("Broken header");
        Rejection r = rejection(text);
        assertThat(r.reason()).isEqualTo(RejectReason.MALFORMED_HEADER);
        assertThat(r.header()).isEqualTo("Broken");
        assertThat(r.offset()).isEqualTo(text.indexOf("Broken header") + "Broken ".length());
    }

    @Test
    void a_line_longer_than_the_limit_is_rejected() {
        assertThat(rejection(options("X-Long: " + "a".repeat(9000))).reason()).isEqualTo(RejectReason.LINE_TOO_LONG);
    }

    @Test
    void more_headers_than_the_limit_are_rejected() {
        String[] many = new String[300];
        java.util.Arrays.fill(many, "X: y");
        assertThat(rejection(options(many)).reason()).isEqualTo(RejectReason.TOO_MANY_HEADERS);
    }

    @Test
    void a_datagram_larger_than_the_limit_is_rejected_before_parsing() {
        byte[] big = new byte[70_000];
        assertThat(SipParser.parse(big).rejection().reason()).isEqualTo(RejectReason.MESSAGE_TOO_LARGE);
    }

    @Test
    void nothing_but_crlf_is_empty() {
        assertThat(SipParser.parse("\r\n\r\n".getBytes(StandardCharsets.US_ASCII)).rejection().reason())
                .isEqualTo(RejectReason.EMPTY);
    }

    @Test
    void a_missing_call_id_is_named() {
        Rejection r = rejection(options().replace("Call-ID: c1@192.0.2.1\r\n", ""));
        assertThat(r.reason()).isEqualTo(RejectReason.MISSING_HEADER);
        assertThat(r.header()).isEqualTo("Call-ID");
    }

    @Test
    void a_sip_3_0_request_gets_505() {
        Rejection r = rejection(options().replace("SIP/2.0\r\nVia", "SIP/3.0\r\nVia"));
        assertThat(r.reason()).isEqualTo(RejectReason.VERSION_NOT_SUPPORTED);
        assertThat(r.reason().status()).isEqualTo(505);
    }

    @Test
    void a_message_in_a_direct_byte_buffer_parses() {
        byte[] b = options().getBytes(StandardCharsets.UTF_8);
        ByteBuffer direct = ByteBuffer.allocateDirect(b.length).put(b).flip();
        assertThat(SipParser.parse(direct, SipLimits.DEFAULTS).isMessage()).isTrue();
    }

    @Test
    void leading_crlfs_are_skipped_and_counted_in_the_length() {
        String text = "\r\n\r\n" + options();
        ParseResult r = SipParser.parse(text.getBytes(StandardCharsets.UTF_8));
        assertThat(r.length()).isEqualTo(text.length());
    }

    @Test
    void random_mutations_of_a_valid_message_never_throw() {
        byte[] base = Rfc4475Vectors.named("wsinv.dat").bytes();
        Random random = new Random(4475);
        for (int round = 0; round < 20_000; round++) {
            byte[] b = base.clone();
            for (int k = 0; k < 1 + random.nextInt(4); k++) b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            int len = random.nextInt(b.length + 1);
            ParseResult r = SipParser.parse(b, 0, len);
            if (r.isMessage()) SipWriter.toBytes(r.message());
        }
    }
}
