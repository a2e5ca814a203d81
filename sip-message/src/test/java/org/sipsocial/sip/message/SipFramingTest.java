package org.sipsocial.sip.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.sipsocial.sip.message.SipFraming.Frame;
import org.sipsocial.sip.message.SipFraming.Status;
import org.sipsocial.testkit.Rfc4475Vectors;

class SipFramingTest {
    private static final String MESSAGE = TestMessages.options().replace("Content-Length: 0", "l: 3") + "abc";

    private static Frame frame(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return SipFraming.frame(b, 0, b.length, SipLimits.DEFAULTS);
    }

    @Test
    void a_whole_message_is_complete_with_its_length() {
        Frame f = frame(MESSAGE + "INVITE sip:next");
        assertThat(f.status()).isEqualTo(Status.COMPLETE);
        assertThat(f.length()).isEqualTo(MESSAGE.length());
    }

    @Test
    void every_strict_prefix_needs_more_bytes() {
        for (int n = 1; n < MESSAGE.length(); n++) {
            assertThat(frame(MESSAGE.substring(0, n)).status()).as("prefix %d", n).isEqualTo(Status.NEED_MORE);
        }
    }

    @Test
    void leading_crlfs_are_keep_alives_to_skip() {
        Frame f = frame("\r\n\r\n" + MESSAGE);
        assertThat(f.status()).isEqualTo(Status.KEEP_ALIVE);
        assertThat(f.length()).isEqualTo(4);
    }

    @Test
    void a_message_without_content_length_cannot_be_framed() {
        Frame f = frame(TestMessages.options().replace("Content-Length: 0\r\n", ""));
        assertThat(f.status()).isEqualTo(Status.REJECT);
        assertThat(f.rejection().reason()).isEqualTo(RejectReason.MISSING_CONTENT_LENGTH);
    }

    @Test
    void two_content_lengths_close_the_stream() {
        Frame f = frame(new String(Rfc4475Vectors.named("mcl01.dat").bytes(), StandardCharsets.UTF_8));
        assertThat(f.status()).isEqualTo(Status.REJECT);
        assertThat(f.rejection().reason()).isEqualTo(RejectReason.DUPLICATE_HEADER);
    }

    @Test
    void a_content_length_past_the_data_waits_and_never_reads_past_the_message() {
        assertThat(frame(new String(Rfc4475Vectors.named("clerr.dat").bytes(), StandardCharsets.UTF_8)).status())
                .isEqualTo(Status.NEED_MORE);
    }

    @Test
    void a_negative_content_length_is_rejected() {
        Frame f = frame(TestMessages.options().replace("Content-Length: 0", "Content-Length: -1"));
        assertThat(f.rejection().reason()).isEqualTo(RejectReason.BAD_CONTENT_LENGTH);
    }

    @Test
    void headers_that_never_end_are_rejected_at_the_size_limit() {
        SipLimits small = new SipLimits(1024, 64, 512, 8);
        byte[] b = ("OPTIONS sip:a SIP/2.0\r\n" + "X: y\r\n".repeat(300)).getBytes(StandardCharsets.UTF_8);
        Frame f = SipFraming.frame(b, 0, b.length, small);
        assertThat(f.rejection().reason()).isEqualTo(RejectReason.MESSAGE_TOO_LARGE);
    }

    @Test
    void a_content_length_beyond_the_limit_is_rejected_before_reading_the_body() {
        Frame f = frame(TestMessages.options().replace("Content-Length: 0", "Content-Length: 999999"));
        assertThat(f.rejection().reason()).isEqualTo(RejectReason.MESSAGE_TOO_LARGE);
    }

    @Test
    void a_folded_content_length_is_read() {
        Frame f = frame(TestMessages.options().replace("Content-Length: 0", "Content-Length:\r\n 0"));
        assertThat(f.status()).isEqualTo(Status.COMPLETE);
    }
}
