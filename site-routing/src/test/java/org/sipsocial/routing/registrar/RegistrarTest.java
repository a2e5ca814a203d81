package org.sipsocial.routing.registrar;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.sipsocial.sip.message.HeaderName;
import org.sipsocial.sip.message.SipParser;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;
import org.sipsocial.sip.message.header.NameAddress;
import org.sipsocial.testkit.ManualClock;

class RegistrarTest {
    private final ManualClock clock = ManualClock.at("2026-11-30T12:00:00Z");
    private final List<String> changes = new ArrayList<>();
    private final LocationService location = new LocationService(changes::add);
    private final Registrar registrar = new Registrar(location, RegistrarPolicy.DEFAULT, clock, () -> "regtag");
    private final Flow flow = new Flow("UDP", new InetSocketAddress("192.168.1.20", 5060));

    private SipResponse register(long cseq, String... headers) {
        StringBuilder text = new StringBuilder("REGISTER sip:theSmiths SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.168.1.20:5060;branch=z9hG4bKnashds7\r\n"
                + "Max-Forwards: 70\r\nTo: <sip:alice@theSmiths>\r\nFrom: <sip:alice@theSmiths>;tag=456248\r\n"
                + "Call-ID: 843817637684230@998sdasdh09\r\nCSeq: " + cseq + " REGISTER\r\n");
        for (String header : headers) {
            text.append(header).append("\r\n");
        }
        text.append("Content-Length: 0\r\n\r\n");
        SipRequest request = SipParser.parse(text.toString().getBytes(StandardCharsets.UTF_8)).request();
        return registrar.register(request, "alice", flow);
    }

    private List<String> contactUris() {
        return location.lookup("alice", clock.instant()).stream().map(b -> b.contact().uri().toString()).toList();
    }

    @Test
    void a_new_contact_is_bound_with_the_default_lifetime_and_listed_in_the_200() {
        SipResponse ok = register(1, "Contact: <sip:alice@192.168.1.20:5060>");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headerValue("Contact")).isEqualTo("<sip:alice@192.168.1.20:5060>;expires=3600");
        assertThat(ok.headerValue("Date")).isEqualTo("Mon, 30 Nov 2026 12:00:00 GMT");
        assertThat(ok.to().tag()).isEqualTo("regtag");
        assertThat(contactUris()).containsExactly("sip:alice@192.168.1.20:5060");
        assertThat(location.lookup("alice", clock.instant()).get(0).flow()).isEqualTo(flow);
        assertThat(changes).containsExactly("alice");
    }

    @Test
    void a_binding_keeps_the_phones_user_agent_and_when_it_was_first_registered_across_refreshes() {
        register(1, "Contact: <sip:alice@192.168.1.20>", "User-Agent: Grandstream GXP1610 1.0.4.152");
        clock.advance(Duration.ofMinutes(30));
        register(2, "Contact: <sip:alice@192.168.1.20>", "User-Agent: Grandstream GXP1610 1.0.4.153");
        register(3, "Contact: <sip:alice@192.168.1.21>");
        var registered = location.registered(clock.instant()).get("alice");
        assertThat(registered).extracting(Binding::userAgent).containsExactlyInAnyOrder("Grandstream GXP1610 1.0.4.153", "");
        Binding refreshed = registered.stream().filter(b -> !b.userAgent().isEmpty()).findFirst().orElseThrow();
        assertThat(refreshed.registeredAt()).isEqualTo(java.time.Instant.parse("2026-11-30T12:00:00Z"));
        Binding second = registered.stream().filter(b -> b.userAgent().isEmpty()).findFirst().orElseThrow();
        assertThat(second.registeredAt()).isEqualTo(clock.instant());
        register(4, "Contact: <sip:alice@192.168.1.22>", "User-Agent: " + "x".repeat(500));
        assertThat(location.registered(clock.instant()).get("alice")).extracting(Binding::userAgent)
                .anyMatch(agent -> agent.equals("x".repeat(Binding.MAX_USER_AGENT)));
    }

    @Test
    void several_contacts_are_kept_and_looked_up_highest_q_first() {
        register(1, "Contact: <sip:alice@192.168.1.20>;q=0.5, <sip:alice@192.168.1.21>;q=0.9");
        register(2, "Contact: <sip:alice@192.168.1.22>");
        assertThat(contactUris()).containsExactly("sip:alice@192.168.1.22", "sip:alice@192.168.1.21", "sip:alice@192.168.1.20");
    }

    @Test
    void the_contact_expires_parameter_wins_over_the_expires_header_and_long_lifetimes_are_capped() {
        SipResponse ok = register(1, "Contact: <sip:alice@192.168.1.20>;expires=120, <sip:alice@192.168.1.21>", "Expires: 86400");
        assertThat(ok.headers(HeaderName.CONTACT).stream().map(h -> h.value()).toList())
                .containsExactly("<sip:alice@192.168.1.20>;expires=120", "<sip:alice@192.168.1.21>;expires=7200");
    }

    @Test
    void a_lifetime_below_the_minimum_gets_423_with_min_expires_and_changes_nothing() {
        register(1, "Contact: <sip:alice@192.168.1.20>");
        SipResponse brief = register(2, "Contact: <sip:alice@192.168.1.21>;expires=30");
        assertThat(brief.statusCode()).isEqualTo(423);
        assertThat(brief.reasonPhrase()).isEqualTo("Interval Too Brief");
        assertThat(brief.headerValue("Min-Expires")).isEqualTo("60");
        assertThat(contactUris()).containsExactly("sip:alice@192.168.1.20");
    }

    @Test
    void a_refresh_extends_the_binding_and_expires_zero_removes_it() {
        register(1, "Contact: <sip:alice@192.168.1.20>", "Expires: 600");
        clock.advance(Duration.ofSeconds(500));
        register(2, "Contact: <sip:alice@192.168.1.20>", "Expires: 600");
        clock.advance(Duration.ofSeconds(500));
        assertThat(contactUris()).as("refreshed at 500 s for 600 s").hasSize(1);
        SipResponse removed = register(3, "Contact: <sip:alice@192.168.1.20>", "Expires: 0");
        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(removed.headerValue("Contact")).isNull();
        assertThat(contactUris()).isEmpty();
    }

    @Test
    void bindings_vanish_when_they_expire() {
        register(1, "Contact: <sip:alice@192.168.1.20>", "Expires: 60");
        clock.advance(Duration.ofSeconds(60));
        assertThat(contactUris()).isEmpty();
    }

    @Test
    void a_wildcard_with_expires_zero_removes_all_and_without_it_is_a_400() {
        register(1, "Contact: <sip:alice@192.168.1.20>, <sip:alice@192.168.1.21>");
        assertThat(register(2, "Contact: *").statusCode()).isEqualTo(400);
        assertThat(register(3, "Contact: *", "Expires: 60").statusCode()).isEqualTo(400);
        assertThat(contactUris()).hasSize(2);
        assertThat(register(4, "Contact: *", "Expires: 0").statusCode()).isEqualTo(200);
        assertThat(contactUris()).isEmpty();
    }

    @Test
    void a_register_with_the_same_call_id_and_an_old_cseq_is_refused_without_change() {
        register(5, "Contact: <sip:alice@192.168.1.20>");
        SipResponse stale = register(5, "Contact: <sip:alice@192.168.1.20>", "Expires: 0");
        assertThat(stale.statusCode()).isEqualTo(500);
        assertThat(contactUris()).hasSize(1);
    }

    @Test
    void a_register_without_contact_fetches_the_current_bindings() {
        register(1, "Contact: <sip:alice@192.168.1.20>", "Expires: 600");
        clock.advance(Duration.ofSeconds(100));
        SipResponse fetch = register(2);
        assertThat(fetch.statusCode()).isEqualTo(200);
        assertThat(fetch.headerValue("Contact")).isEqualTo("<sip:alice@192.168.1.20>;expires=500");
    }

    @Test
    void an_outbound_instance_and_reg_id_replace_the_binding_even_from_a_new_address() {
        String instance = "+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>\";reg-id=1";
        register(1, "Contact: <sip:alice@192.168.1.20:5060;transport=tcp>;" + instance);
        SipResponse ok = register(2, "Contact: <sip:alice@192.168.1.30:5062;transport=tcp>;" + instance, "Supported: outbound, path");
        assertThat(contactUris()).containsExactly("sip:alice@192.168.1.30:5062;transport=tcp");
        assertThat(location.lookup("alice", clock.instant()).get(0).isOutboundFlow()).isTrue();
        assertThat(ok.headerValue("Require")).isEqualTo("outbound");
    }

    @Test
    void the_200_to_a_register_that_sets_up_an_outbound_flow_carries_flow_timer_for_its_transport() {
        String instance = "+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>\";reg-id=1";
        SipResponse udp = register(1, "Contact: <sip:alice@192.168.1.20:5060>;" + instance, "Supported: outbound");
        assertThat(udp.headerValue("Flow-Timer")).isEqualTo("29");
        SipResponse tcp = new Registrar(location, RegistrarPolicy.DEFAULT, clock, () -> "regtag").register(
                SipParser.parse(("REGISTER sip:theSmiths SIP/2.0\r\nVia: SIP/2.0/TCP 192.168.1.20:5060;branch=z9hG4bKnashds8\r\n"
                        + "Max-Forwards: 70\r\nTo: <sip:alice@theSmiths>\r\nFrom: <sip:alice@theSmiths>;tag=456248\r\n"
                        + "Call-ID: tcp-flow\r\nCSeq: 1 REGISTER\r\nSupported: outbound\r\n"
                        + "Contact: <sip:alice@192.168.1.20:5060;transport=tcp>;" + instance.replace("reg-id=1", "reg-id=2")
                        + "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.UTF_8)).request(),
                "alice", new Flow("TCP", new InetSocketAddress("192.168.1.20", 40000)));
        assertThat(tcp.headerValue("Flow-Timer")).isEqualTo("120");
    }

    @Test
    void a_register_without_outbound_gets_no_flow_timer() {
        assertThat(register(1, "Contact: <sip:alice@192.168.1.20:5060>").headerValue("Flow-Timer")).isNull();
        String instance = "+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>\";reg-id=1";
        assertThat(register(2, "Contact: <sip:alice@192.168.1.20:5060>;" + instance).headerValue("Flow-Timer"))
                .as("no Supported: outbound").isNull();
    }

    @Test
    void path_is_stored_with_the_binding_and_echoed() {
        SipResponse ok = register(1, "Contact: <sip:alice@192.168.1.20>", "Path: <sip:edge.theSmiths;lr>");
        assertThat(ok.headerValue("Path")).isEqualTo("<sip:edge.theSmiths;lr>");
        assertThat(location.lookup("alice", clock.instant()).get(0).path()).extracting(NameAddress::toString)
                .containsExactly("<sip:edge.theSmiths;lr>");
    }

    @Test
    void more_contacts_than_allowed_are_refused() {
        StringBuilder many = new StringBuilder("Contact: ");
        for (int i = 0; i < 17; i++) {
            many.append(i == 0 ? "" : ", ").append("<sip:alice@192.168.1.").append(i + 1).append(">");
        }
        assertThat(register(1, many.toString()).statusCode()).isEqualTo(403);
        assertThat(contactUris()).isEmpty();
    }
}
