package org.sipsocial.routing.registrar;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.sipsocial.sip.message.header.NameAddress;

/** RFC 5626 §5.3: the bindings of a flow that failed go with it, and no others. */
class LocationServiceTest {
    private final Instant now = Instant.parse("2026-12-06T12:00:00Z");
    private final List<String> changed = new ArrayList<>();
    private final LocationService location = new LocationService(changed::add);

    private Binding binding(String contact, Flow flow) {
        return new Binding(NameAddress.parse("<" + contact + ">"), now.plusSeconds(3600), "c", 1, List.of(), flow);
    }

    @Test
    void a_failed_flow_takes_its_bindings_and_leaves_the_others() {
        Flow deskTcp = new Flow("TCP", new InetSocketAddress("192.168.1.20", 40123));
        Flow mobileUdp = new Flow("UDP", new InetSocketAddress("192.168.1.21", 5060));
        location.update("bob", now, live -> List.of(binding("sip:bob@192.168.1.20:5060;transport=tcp", deskTcp),
                binding("sip:bob@192.168.1.21:5060", mobileUdp)));
        location.update("carol", now, live -> List.of(binding("sip:carol@192.168.1.20:5062;transport=tcp", deskTcp)));
        changed.clear();

        assertThat(location.dropFlow(deskTcp, now)).isEqualTo(2);
        assertThat(location.lookup("bob", now)).extracting(Binding::flow).containsExactly(mobileUdp);
        assertThat(location.lookup("carol", now)).isEmpty();
        assertThat(changed).containsExactlyInAnyOrder("bob", "carol");
        assertThat(location.dropFlow(deskTcp, now)).isZero();
    }

    @Test
    void the_addresses_phones_registered_from_are_known_until_their_last_binding_goes() {
        Flow desk = new Flow("UDP", new InetSocketAddress("192.168.1.20", 5060));
        Flow deskToo = new Flow("UDP", new InetSocketAddress("192.168.1.20", 5062));
        location.update("bob", now, live -> List.of(binding("sip:bob@192.168.1.20:5060", desk)));
        location.update("carol", now, live -> List.of(binding("sip:carol@192.168.1.20:5062", deskToo)));
        java.net.InetAddress address = desk.remote().getAddress();

        assertThat(location.isRegisteredAddress(address)).isTrue();
        location.update("bob", now, live -> List.of());
        assertThat(location.isRegisteredAddress(address)).as("carol is still registered there").isTrue();
        location.remove("carol");
        assertThat(location.isRegisteredAddress(address)).isFalse();
        assertThat(location.isRegisteredAddress(new InetSocketAddress("192.168.1.99", 1).getAddress())).isFalse();
    }

    @Test
    void the_contact_count_its_gauge_shows_follows_every_binding_in_and_out() {
        Flow desk = new Flow("UDP", new InetSocketAddress("192.168.1.20", 5060));
        Flow mobile = new Flow("UDP", new InetSocketAddress("192.168.1.21", 5060));
        location.update("bob", now, live -> List.of(binding("sip:bob@192.168.1.20:5060", desk),
                binding("sip:bob@192.168.1.21:5060", mobile)));
        location.update("carol", now, live -> List.of(binding("sip:carol@192.168.1.21:5060", mobile)));
        assertThat(location.contactCount()).isEqualTo(3);
        assertThat(location.aorCount()).isEqualTo(2);
        location.dropFlow(mobile, now);
        assertThat(location.contactCount()).isEqualTo(1);
        location.remove("bob");
        assertThat(location.contactCount()).isZero();
    }
}
