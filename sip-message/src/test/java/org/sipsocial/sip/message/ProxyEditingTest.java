package org.sipsocial.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.sipsocial.sip.message.header.NameAddress;
import org.sipsocial.sip.message.header.Via;
import org.sipsocial.sip.message.uri.SipUri;
import org.sipsocial.sip.message.uri.Uri;

class ProxyEditingTest {
    private final SipRequest invite = (SipRequest) TestMessages.parse(TestMessages.options("Max-Forwards: 70")
            .replace("OPTIONS", "INVITE").replace("Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-1",
                    "Via:  SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-1 ,SIP/2.0/TCP b.example.com"));

    @Test
    void a_forwarded_request_keeps_untouched_headers_byte_for_byte() {
        SipRequest out = invite.toBuilder()
                .pushVia(Via.of("TLS", "proxy.theSmiths", 5061, "z9hG4bK-p1"))
                .decrementMaxForwards()
                .addRecordRoute(NameAddress.of(null, SipUri.of(null, "proxy.theSmiths", -1).withParameter("lr", null)))
                .requestUri(Uri.parse("sip:bob@192.0.2.9:5060"))
                .build();
        String text = new String(SipWriter.toBytes(out), StandardCharsets.UTF_8);
        assertThat(text).startsWith("INVITE sip:bob@192.0.2.9:5060 SIP/2.0\r\n"
                + "Via: SIP/2.0/TLS proxy.theSmiths:5061;branch=z9hG4bK-p1\r\n"
                + "Via:  SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-1 ,SIP/2.0/TCP b.example.com\r\n");
        assertThat(text).contains("Max-Forwards: 69\r\n").contains("Record-Route: <sip:proxy.theSmiths;lr>\r\n");
        SipMessage reparsed = SipParser.parse(SipWriter.toBytes(out)).message();
        assertThat(reparsed).isEqualTo(out);
        assertThat(reparsed.via()).hasSize(3);
    }

    @Test
    void a_request_that_came_in_a_datagram_without_content_length_gets_one_when_forwarded() {
        String datagram = "BYE sip:alice@192.0.2.7:5060;transport=tcp SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-1\r\n"
                + "From: <sip:bob@example.com>;tag=b1\r\n"
                + "To: <sip:alice@example.com>;tag=a1\r\n"
                + "Call-ID: c1@192.0.2.1\r\n"
                + "CSeq: 22 BYE\r\n"
                + "Max-Forwards: 70\r\n\r\n";
        SipRequest bye = (SipRequest) TestMessages.parse(datagram);
        assertThat(bye.contentLength()).isEqualTo(-1);

        SipRequest out = bye.toBuilder().pushVia(Via.of("TCP", "proxy.theSmiths", 5060, "z9hG4bK-p1")).build();
        assertThat(new String(SipWriter.toBytes(out), StandardCharsets.UTF_8)).endsWith("Content-Length: 0\r\n\r\n");
    }

    @Test
    void popping_the_top_via_of_a_combined_line_keeps_the_rest() {
        SipRequest out = invite.toBuilder().popVia().build();
        assertThat(out.via()).extracting(Via::host).containsExactly("b.example.com");
    }

    @Test
    void max_forwards_zero_cannot_be_decremented() {
        SipRequest zero = (SipRequest) TestMessages.parse(TestMessages.options("Max-Forwards: 0"));
        assertThatThrownBy(() -> zero.toBuilder().decrementMaxForwards()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void the_top_route_is_removed_for_loose_routing() {
        SipRequest r = (SipRequest) TestMessages.parse(TestMessages.options("Route: <sip:a;lr>, <sip:b;lr>"));
        assertThat(r.toBuilder().popRoute().build().routes()).extracting(NameAddress::toString).containsExactly("<sip:b;lr>");
    }

    @Test
    void a_response_copies_via_from_to_call_id_and_cseq_and_tags_to() {
        SipResponse ok = Responses.create(invite, 200, "OK", "uas-tag").build();
        assertThat(ok.via()).isEqualTo(invite.via());
        assertThat(ok.from()).isEqualTo(invite.from());
        assertThat(ok.to().tag()).isEqualTo("uas-tag");
        assertThat(ok.callId()).isEqualTo(invite.callId());
        assertThat(ok.cSeq()).isEqualTo(invite.cSeq());
        assertThat(ok.contentLength()).isZero();
        assertThat(ok.headers(HeaderName.MAX_FORWARDS)).isEmpty();
        String text = new String(SipWriter.toBytes(ok), StandardCharsets.UTF_8);
        assertThat(text).startsWith("SIP/2.0 200 OK\r\nVia:  SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-1 ,SIP/2.0/TCP");
    }

    @Test
    void a_100_trying_gets_no_to_tag() {
        assertThat(Responses.create(invite, 100, "Trying", "t").build().to().tag()).isNull();
    }

    @Test
    void a_new_request_built_from_scratch_round_trips() {
        SipRequest r = SipRequest.builder(SipMethod.REGISTER, Uri.parse("sip:theSmiths"))
                .pushVia(Via.of("UDP", "192.0.2.4", 5060, "z9hG4bK-r1").withParameter("rport", null))
                .addHeader("From", "<sip:alice@theSmiths>;tag=f")
                .addHeader("To", "<sip:alice@theSmiths>")
                .addHeader("Call-ID", "reg-1")
                .addHeader("CSeq", "1 REGISTER")
                .addHeader("Contact", "<sip:alice@192.0.2.4>;expires=600")
                .build();
        SipMessage back = SipParser.parse(SipWriter.toBytes(r)).message();
        assertThat(back).isEqualTo(r);
        assertThat(back.contentLength()).isZero();
        assertThat(back.topVia().hasRport()).isTrue();
    }

    @Test
    void setting_a_body_sets_content_type_and_length() {
        SipRequest r = invite.toBuilder().body(org.sipsocial.sip.message.header.MediaType.APPLICATION_SDP, "v=0\r\n").build();
        SipMessage back = SipParser.parse(SipWriter.toBytes(r)).message();
        assertThat(back.contentLength()).isEqualTo(5);
        assertThat(back.bodyText()).isEqualTo("v=0\r\n");
        assertThat(back.contentType().is("application", "sdp")).isTrue();
    }

    @Test
    void header_values_with_line_breaks_are_refused() {
        assertThatThrownBy(() -> invite.toBuilder().addHeader("X-A", "a\r\nInjected: b"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
