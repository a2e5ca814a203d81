package org.sipsocial.sip.message.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sipsocial.sip.message.TestMessages.options;
import static org.sipsocial.sip.message.TestMessages.rejection;
import static org.sipsocial.sip.message.TestMessages.withHeaders;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipsocial.sip.message.RejectReason;
import org.sipsocial.sip.message.SipMessage;
import org.sipsocial.sip.message.SipSyntaxException;

class ViaHeaderTest {
    @Test
    void a_via_gives_transport_sent_by_and_branch() {
        Via v = Via.parse("SIP/2.0/tcp proxy.example.com:5061;branch=z9hG4bK-abc");
        assertThat(v.transport()).isEqualTo("TCP");
        assertThat(v.host()).isEqualTo("proxy.example.com");
        assertThat(v.port()).isEqualTo(5061);
        assertThat(v.sentBy()).isEqualTo("proxy.example.com:5061");
        assertThat(v.branch()).isEqualTo("z9hG4bK-abc");
        assertThat(v.hasRfc3261Branch()).isTrue();
    }

    @Test
    void a_via_with_rport_and_no_value_parses_as_requested() {
        Via v = Via.parse("SIP/2.0/UDP 192.0.2.1;rport;branch=z9hG4bK1");
        assertThat(v.hasRport()).isTrue();
        assertThat(v.rport()).isEqualTo(-1);
    }

    @Test
    void received_and_rport_filled_in_by_a_server_read_back() {
        Via v = Via.parse("SIP/2.0/UDP 10.0.0.1;rport;branch=z9hG4bK1").withReceived("192.0.2.7").withRport(40123);
        assertThat(v.received()).isEqualTo("192.0.2.7");
        assertThat(v.rport()).isEqualTo(40123);
        assertThat(v.toString()).isEqualTo("SIP/2.0/UDP 10.0.0.1;rport=40123;branch=z9hG4bK1;received=192.0.2.7");
    }

    @Test
    void received_and_rport_stamped_at_once_read_as_when_stamped_one_after_the_other() {
        Via asked = Via.parse("SIP/2.0/UDP 10.0.0.1;rport;branch=z9hG4bK1");
        assertThat(asked.withReceivedAndRport("192.0.2.7", 40123))
                .isEqualTo(asked.withReceived("192.0.2.7").withRport(40123));
        Via forged = Via.parse("SIP/2.0/UDP 10.0.0.1;received=198.51.100.9;rport=1;branch=z9hG4bK1");
        assertThat(forged.withReceivedAndRport("192.0.2.7", 40123).toString())
                .as("what the sender wrote is overwritten")
                .isEqualTo("SIP/2.0/UDP 10.0.0.1;received=192.0.2.7;rport=40123;branch=z9hG4bK1");
    }

    @Test
    void alias_is_seen_for_connection_reuse() {
        assertThat(Via.parse("SIP/2.0/TLS a.example.com;branch=z9hG4bK1;alias").hasAlias()).isTrue();
        assertThat(Via.parse("SIP/2.0/TLS a.example.com;branch=z9hG4bK1").hasAlias()).isFalse();
    }

    @Test
    void an_ipv6_sent_by_keeps_its_brackets() {
        Via v = Via.parse("SIP/2.0/UDP [2001:db8::1]:5060;branch=z9hG4bK1;maddr=[2001:db8::2]");
        assertThat(v.host()).isEqualTo("[2001:db8::1]");
        assertThat(v.port()).isEqualTo(5060);
        assertThat(v.maddr()).isEqualTo("[2001:db8::2]");
    }

    @Test
    void vias_across_lines_and_commas_come_out_top_first() {
        SipMessage m = withHeaders("v: SIP/2.0/TCP b.example.com;branch=z9hG4bK2, SIP/2.0/UDP c.example.com");
        List<Via> vias = m.via();
        assertThat(vias).extracting(Via::host).containsExactly("192.0.2.1", "b.example.com", "c.example.com");
        assertThat(m.topVia().branch()).isEqualTo("z9hG4bK-1");
    }

    @Test
    void a_created_via_is_canonical() {
        assertThat(Via.of("tls", "proxy.theSmiths", 5061, "z9hG4bKx").toString())
                .isEqualTo("SIP/2.0/TLS proxy.theSmiths:5061;branch=z9hG4bKx");
    }

    @Test
    void a_created_via_asking_for_rport_has_an_empty_rport_after_its_branch() {
        Via v = Via.ofAskingRport("udp", "192.0.2.10", 5060, "z9hG4bKy");
        assertThat(v.toString()).isEqualTo("SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKy;rport");
        assertThat(v).isEqualTo(Via.of("UDP", "192.0.2.10", 5060, "z9hG4bKy").withParameter("rport", null));
        assertThat(v.hasRport()).isTrue();
        assertThat(v.rport()).isEqualTo(-1);
    }

    @Test
    void a_via_without_sent_by_or_with_a_bad_port_is_refused() {
        assertThatThrownBy(() -> Via.parse("SIP/2.0/UDP")).isInstanceOf(SipSyntaxException.class);
        assertThatThrownBy(() -> Via.parse("SIP/2.0/UDP host:99999")).isInstanceOf(SipSyntaxException.class);
        assertThatThrownBy(() -> Via.parse("SIP/2.0/UDP host;rport=x")).isInstanceOf(SipSyntaxException.class);
    }

    @Test
    void more_vias_than_the_limit_are_rejected() {
        String[] many = new String[71];
        for (int i = 0; i < many.length; i++) many[i] = "Via: SIP/2.0/UDP h" + i + ".example.com";
        assertThat(rejection(options(many)).reason()).isEqualTo(RejectReason.TOO_MANY_VIAS);
    }
}
