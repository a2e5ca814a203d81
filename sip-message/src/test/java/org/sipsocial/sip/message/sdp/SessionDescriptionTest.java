package org.sipsocial.sip.message.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.sipsocial.sip.message.SipSyntaxException;

class SessionDescriptionTest {
    static final String OFFER = "v=0\r\n"
            + "o=alice 2890844526 2890844526 IN IP4 192.0.2.10\r\n"
            + "s=-\r\n"
            + "c=IN IP4 192.0.2.10\r\n"
            + "t=0 0\r\n"
            + "a=ice-lite\r\n"
            + "m=audio 49170 RTP/SAVP 0 101\r\n"
            + "a=rtpmap:0 PCMU/8000\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\n"
            + "a=fmtp:101 0-16\r\n"
            + "a=rtcp:49171 IN IP4 192.0.2.10\r\n"
            + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32\r\n"
            + "a=sendonly\r\n"
            + "m=video 51372/2 RTP/AVP 31\r\n"
            + "c=IN IP6 2001:db8::10\r\n"
            + "a=rtpmap:31 H261/90000\r\n"
            + "a=rtcp-mux\r\n";

    private final SessionDescription sdp = SessionDescription.parse(OFFER.getBytes(StandardCharsets.UTF_8));

    @Test
    void an_unchanged_description_is_written_back_byte_for_byte() {
        assertThat(sdp.toBytes()).isEqualTo(OFFER.getBytes(StandardCharsets.UTF_8));
        String lfOnly = OFFER.replace("\r\n", "\n").substring(0, OFFER.replace("\r\n", "\n").length() - 1);
        assertThat(SessionDescription.parse(lfOnly).toString()).isEqualTo(lfOnly);
    }

    @Test
    void connection_and_media_lines_read_back() {
        assertThat(sdp.connection()).isEqualTo(Connection.ip4("192.0.2.10"));
        assertThat(sdp.origin()).startsWith("alice ");
        assertThat(sdp.hasAttribute("ice-lite")).isTrue();
        MediaDescription audio = sdp.media().get(0);
        assertThat(audio.media()).isEqualTo("audio");
        assertThat(audio.port()).isEqualTo(49170);
        assertThat(audio.proto()).isEqualTo("RTP/SAVP");
        assertThat(audio.formats()).containsExactly("0", "101");
        MediaDescription video = sdp.media().get(1);
        assertThat(video.portCount()).isEqualTo(2);
        assertThat(video.connection()).isEqualTo(Connection.ip6("2001:db8::10"));
    }

    @Test
    void rtpmap_fmtp_rtcp_rtcp_mux_direction_and_crypto_are_typed() {
        MediaDescription audio = sdp.media().get(0);
        assertThat(audio.rtpmaps()).containsExactly(new Rtpmap(0, "PCMU", 8000, -1),
                new Rtpmap(101, "telephone-event", 8000, -1));
        assertThat(audio.fmtps()).containsExactly(new Fmtp("101", "0-16"));
        assertThat(audio.rtcp()).isEqualTo(new Rtcp(49171, Connection.ip4("192.0.2.10")));
        assertThat(audio.direction()).isEqualTo(Direction.SENDONLY);
        Crypto c = audio.cryptos().get(0);
        assertThat(c.tag()).isEqualTo(1);
        assertThat(c.suite()).isEqualTo("AES_CM_128_HMAC_SHA1_80");
        assertThat(c.keyMethod()).isEqualTo("inline");
        assertThat(audio.isRtcpMux()).isFalse();
        assertThat(sdp.media().get(1).isRtcpMux()).isTrue();
        assertThat(sdp.media().get(1).direction()).isNull();
    }

    @Test
    void a_relay_rewrites_only_connection_port_and_rtcp_lines() {
        MediaDescription audio = sdp.media().get(0).withPort(30000).withConnection(Connection.ip4("203.0.113.5"))
                .withoutAttributes("rtcp").withAttribute(new Attribute("rtcp", "30001"));
        SessionDescription out = sdp.withConnection(Connection.ip4("203.0.113.5")).withMedia(0, audio);
        String text = out.toString();
        assertThat(text).contains("c=IN IP4 203.0.113.5\r\nt=0 0\r\n")
                .contains("m=audio 30000 RTP/SAVP 0 101\r\nc=IN IP4 203.0.113.5\r\na=rtpmap:0 PCMU/8000\r\n")
                .contains("a=sendonly\r\na=rtcp:30001\r\nm=video 51372/2 RTP/AVP 31\r\n")
                .doesNotContain("49171");
        assertThat(SessionDescription.parse(text)).isEqualTo(out);
    }

    @Test
    void the_direction_is_replaced_in_place() {
        MediaDescription audio = sdp.media().get(0).withDirection(Direction.INACTIVE);
        assertThat(audio.direction()).isEqualTo(Direction.INACTIVE);
        assertThat(audio.attributeValues("sendonly")).isEmpty();
    }

    @Test
    void malformed_descriptions_are_refused() {
        for (String bad : new String[] {"", "x", "s=-\r\n", "v=0\r\nm =video 1 RTP/AVP 0\r\n", "v=0\r\nm=audio x RTP/AVP 0\r\n",
            "v=0\r\nm=audio 1 RTP/AVP\r\n", "v=0\r\n\r\n"}) {
            assertThatThrownBy(() -> SessionDescription.parse(bad)).as(bad).isInstanceOf(SipSyntaxException.class);
        }
    }

    @Test
    void a_bad_typed_attribute_throws_only_when_read() {
        MediaDescription m = SessionDescription.parse("v=0\r\nm=audio 1 RTP/AVP 0\r\na=rtpmap:x\r\n").media().get(0);
        assertThatThrownBy(m::rtpmaps).isInstanceOf(SipSyntaxException.class);
    }

    @org.junit.jupiter.api.Test
    void with_address_names_the_host_in_the_origin_and_in_every_connection_line_and_adds_none() {
        SessionDescription sdp = SessionDescription.parse(("v=0\r\no=phone 1 2 IN IP4 192.168.1.50\r\ns=-\r\n"
                + "c=IN IP4 192.168.1.50\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\nc=IN IP4 192.168.1.50\r\n"
                + "m=video 4002 RTP/AVP 96\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        SessionDescription out = sdp.withAddress("2001:db8::7");
        assertThat(out.origin()).isEqualTo("phone 1 2 IN IP6 2001:db8::7");
        assertThat(out.connection()).isEqualTo(Connection.ip6("2001:db8::7"));
        assertThat(out.media().get(0).connection()).isEqualTo(Connection.ip6("2001:db8::7"));
        assertThat(out.media().get(1).connection()).isNull();
        assertThat(out.toString()).doesNotContain("192.168.1.50").contains("m=audio 4000 RTP/AVP 0");
    }
}
