package org.sipsocial.sip.message.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sipsocial.sip.message.TestMessages.options;
import static org.sipsocial.sip.message.TestMessages.rejection;
import static org.sipsocial.sip.message.TestMessages.withHeaders;

import org.junit.jupiter.api.Test;
import org.sipsocial.sip.message.RejectReason;
import org.sipsocial.sip.message.SipMessage;

class ScalarHeadersTest {
    @Test
    void call_id_and_cseq_read_back() {
        SipMessage m = withHeaders();
        assertThat(m.callId()).isEqualTo("c1@192.0.2.1");
        assertThat(m.cSeq()).isEqualTo(new CSeq(1, "OPTIONS"));
    }

    @Test
    void max_forwards_and_expires_read_as_numbers() {
        SipMessage m = withHeaders("Max-Forwards: 70", "Expires: 3600");
        assertThat(m.maxForwards()).isEqualTo(70);
        assertThat(m.expires()).isEqualTo(3600);
    }

    @Test
    void absent_numeric_headers_read_as_minus_one() {
        SipMessage m = withHeaders();
        assertThat(m.maxForwards()).isEqualTo(-1);
        assertThat(m.expires()).isEqualTo(-1);
    }

    @Test
    void content_type_gives_type_subtype_and_parameters() {
        MediaType t = withHeaders("c: multipart/mixed ; boundary=xyz").contentType();
        assertThat(t.is("multipart", "mixed")).isTrue();
        assertThat(t.parameters().get("boundary")).isEqualTo("xyz");
    }

    @Test
    void content_length_bounds_the_body() {
        String text = options().replace("Content-Length: 0", "Content-Length: 4") + "bodyEXTRA";
        SipMessage m = org.sipsocial.sip.message.TestMessages.parse(text);
        assertThat(m.contentLength()).isEqualTo(4);
        assertThat(m.bodyText()).isEqualTo("body");
    }

    @Test
    void max_forwards_above_255_is_rejected() {
        assertThat(rejection(options("Max-Forwards: 256")).reason()).isEqualTo(RejectReason.BAD_HEADER_VALUE);
    }

    @Test
    void a_cseq_of_2_to_the_31_is_rejected() {
        String text = options().replace("CSeq: 1 OPTIONS", "CSeq: 2147483648 OPTIONS");
        assertThat(rejection(text).reason()).isEqualTo(RejectReason.BAD_HEADER_VALUE);
        assertThat(rejection(text).header()).isEqualTo("CSeq");
    }

    @Test
    void two_call_ids_are_rejected_as_duplicates() {
        assertThat(rejection(options("i: other@x")).reason()).isEqualTo(RejectReason.DUPLICATE_HEADER);
    }

    @Test
    void a_call_id_with_whitespace_inside_is_rejected() {
        String text = options().replace("Call-ID: c1@192.0.2.1", "Call-ID: c1 c2");
        assertThat(rejection(text).reason()).isEqualTo(RejectReason.BAD_HEADER_VALUE);
    }

    @Test
    void a_content_length_that_is_not_a_number_is_rejected() {
        String text = options().replace("Content-Length: 0", "Content-Length: 0x10");
        assertThat(rejection(text).reason()).isEqualTo(RejectReason.BAD_CONTENT_LENGTH);
    }
}
