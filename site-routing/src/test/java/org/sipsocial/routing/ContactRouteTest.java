package org.sipsocial.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.sipsocial.routing.proxy.ProxyTarget;
import org.sipsocial.routing.registrar.Binding;
import org.sipsocial.routing.registrar.Flow;
import org.sipsocial.sip.message.header.NameAddress;
import org.sipsocial.sip.transaction.Hop;

class ContactRouteTest {
    private static final Instant LATER = Instant.parse("2030-01-01T00:00:00Z");

    private static ProxyTarget route(String contact, Flow flow, List<NameAddress> path) {
        return ContactRoute.of(new Binding(NameAddress.parse(contact), LATER, "c", 1, path, flow)).orElseThrow();
    }

    @Test
    void a_phone_registered_from_the_address_in_its_contact_is_reached_at_its_contact() {
        ProxyTarget target = route("<sip:bob@10.0.0.22:5062>", new Flow("UDP", new InetSocketAddress("10.0.0.22", 40000)), List.of());
        assertThat(target.hop()).isEqualTo(Hop.udp(new InetSocketAddress("10.0.0.22", 5062)));
        assertThat(target.requestUri().toString()).isEqualTo("sip:bob@10.0.0.22:5062");
    }

    @Test
    void a_phone_behind_a_nat_is_reached_where_its_register_came_from() {
        ProxyTarget target = route("<sip:bob@192.168.1.9:5060>", new Flow("UDP", new InetSocketAddress("203.0.113.5", 61000)), List.of());
        assertThat(target.hop()).isEqualTo(Hop.udp(new InetSocketAddress("203.0.113.5", 61000)));
        assertThat(target.requestUri().toString()).as("the Request-URI stays the registered Contact").isEqualTo("sip:bob@192.168.1.9:5060");
    }

    @Test
    void an_outbound_registration_and_a_tls_phone_are_reached_over_the_connection_they_registered_on() {
        Flow tcpFlow = new Flow("TCP", new InetSocketAddress("10.0.0.22", 51515));
        ProxyTarget outbound = route("<sip:bob@10.0.0.22:5060;transport=tcp>;+sip.instance=\"<urn:uuid:1>\";reg-id=1", tcpFlow, List.of());
        assertThat(outbound.hop()).isEqualTo(Hop.tcp(new InetSocketAddress("10.0.0.22", 51515)));
        Flow tlsFlow = new Flow("TLS", new InetSocketAddress("10.0.0.22", 52525));
        ProxyTarget tls = route("<sips:bob@10.0.0.22:5061>", tlsFlow, List.of());
        assertThat(tls.hop()).isEqualTo(Hop.tls(new InetSocketAddress("10.0.0.22", 52525)));
    }

    @Test
    void a_registered_path_is_put_in_front_and_the_request_goes_to_its_first_hop() {
        Flow edge = new Flow("UDP", new InetSocketAddress("10.0.0.2", 5060));
        ProxyTarget target = route("<sip:bob@10.9.9.9>", edge, List.of(NameAddress.parse("<sip:10.0.0.2;lr>")));
        assertThat(target.routes()).extracting(NameAddress::toString).containsExactly("<sip:10.0.0.2;lr>");
        assertThat(target.hop()).isEqualTo(Hop.udp(new InetSocketAddress("10.0.0.2", 5060)));
    }
}
