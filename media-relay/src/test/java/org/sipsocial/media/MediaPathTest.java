package org.sipsocial.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The media path between two relays as a state machine, with no sockets: offers cross "the link", probes and
 * answers cross "UDP" by hand, and time is the caller's.
 */
class MediaPathTest {
    private static final InetSocketAddress SMITHS_SEEN = new InetSocketAddress("198.51.100.1", 61000);
    private static final InetSocketAddress JONESES_SEEN = new InetSocketAddress("203.0.113.7", 5070);
    private final SecureRandom random = new SecureRandom();
    private final List<byte[]> smithsInsideTheLink = new ArrayList<>();
    private final MediaPath smiths = new MediaPath("theJoneses", JONESES_SEEN.getAddress(),
            (type, payload) -> smithsInsideTheLink.add(payload), random, meters("theJoneses"));
    private final MediaPath joneses = new MediaPath("theSmiths", SMITHS_SEEN.getAddress(), (type, payload) -> { }, random,
            meters("theSmiths"));

    private static PathMeters meters(String site) {
        return new PathMeters(new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), site);
    }

    private void exchangeOffers() {
        smiths.offered(joneses.offer(5070));
        joneses.offered(smiths.offer(5070));
    }

    @Test
    void media_goes_inside_the_link_until_a_probe_is_answered_and_then_over_udp_to_where_the_answer_came_from() {
        exchangeOffers();
        List<InetSocketAddress> udp = new ArrayList<>();
        assertThat(smiths.send(io.netty.buffer.Unpooled.wrappedBuffer(new byte[] {1}), (to, packet) -> udp.add(to))).isTrue();
        assertThat(smithsInsideTheLink).hasSize(1);
        assertThat(smiths.describe()).isEqualTo("media: inside the link (no UDP path yet: probing 203.0.113.7:5070)");

        byte[] probe = smiths.probe(1_000);
        assertThat(smiths.far()).as("probed where the link sees the other site, at its offered port")
                .isEqualTo(new InetSocketAddress(JONESES_SEEN.getAddress(), 5070));
        byte[] answer = joneses.control(probe, SMITHS_SEEN, 1_000);
        assertThat(answer).isNotNull();
        assertThat(joneses.far()).as("the prober latched where its probe came from").isEqualTo(SMITHS_SEEN);
        assertThat(smiths.control(answer, JONESES_SEEN, 1_001)).as("an answer is not answered").isNull();

        assertThat(smiths.isDirect()).isTrue();
        smiths.send(io.netty.buffer.Unpooled.wrappedBuffer(new byte[] {2}), (to, packet) -> udp.add(to));
        assertThat(udp).containsExactly(JONESES_SEEN);
        assertThat(smithsInsideTheLink).hasSize(1);
        assertThat(smiths.describe()).isEqualTo("media: direct UDP with 203.0.113.7:5070");
    }

    @Test
    void a_direct_path_whose_probes_go_unanswered_moves_media_into_the_link_and_back_when_answers_return() {
        exchangeOffers();
        smiths.control(joneses.control(smiths.probe(0), SMITHS_SEEN, 0), JONESES_SEEN, 0);
        assertThat(smiths.isDirect()).isTrue();
        for (int second = 1; second <= MediaPath.DEAD_AFTER_PROBES; second++) {
            smiths.probe(second * 1000L);
            assertThat(smiths.isDirect()).as("still direct after %d unanswered probes", second).isTrue();
        }
        smiths.probe(4_000);
        assertThat(smiths.isDirect()).isFalse();
        assertThat(smiths.describe()).startsWith("media: inside the link (no UDP path: no answer to 3 probes");
        smiths.send(io.netty.buffer.Unpooled.wrappedBuffer(new byte[] {3}), (to, packet) -> { throw new AssertionError("sent over a dead UDP path"); });
        assertThat(smithsInsideTheLink).hasSize(1);

        smiths.control(joneses.control(smiths.probe(5_000), SMITHS_SEEN, 5_000), JONESES_SEEN, 5_000);
        assertThat(smiths.isDirect()).isTrue();
    }

    @Test
    void a_probe_not_proven_with_the_secret_from_the_link_or_replayed_is_ignored() {
        exchangeOffers();
        byte[] probe = smiths.probe(0);
        byte[] forged = probe.clone();
        forged[forged.length - 1] ^= 1;
        InetSocketAddress attacker = new InetSocketAddress("192.0.2.66", 4444);
        assertThat(joneses.control(forged, attacker, 0)).isNull();
        assertThat(joneses.far()).isEqualTo(new InetSocketAddress(SMITHS_SEEN.getAddress(), 5070));

        assertThat(joneses.control(probe, SMITHS_SEEN, 0)).isNotNull();
        assertThat(joneses.control(probe, attacker, 1)).as("the same probe again").isNull();
        assertThat(joneses.far()).isEqualTo(SMITHS_SEEN);

        MediaPath stranger = new MediaPath("theSmiths", InetAddress.getLoopbackAddress(), (type, payload) -> { }, random,
                meters("theSmiths"));
        stranger.offered(joneses.offer(5070));
        assertThat(joneses.control(stranger.probe(0), attacker, 2)).as("a probe under another name").isNull();
    }

    @Test
    void an_offer_of_the_wrong_size_or_for_port_0_is_refused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> smiths.offered(new byte[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("42 bytes, or 48 or 60");
        byte[] portZero = joneses.offer(5070);
        portZero[0] = 0;
        portZero[1] = 0;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> smiths.offered(portZero))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port 0");
    }

    private static final InetSocketAddress JONESES_MAPPED = new InetSocketAddress("11.250.42.12", 55070);

    @Test
    void an_offer_naming_the_address_its_router_mapped_is_probed_there_first_and_latched_where_the_answer_comes_from() {
        smiths.offered(joneses.offer(5070, JONESES_MAPPED));
        joneses.offered(smiths.offer(5070));
        assertThat(smiths.probeTargets()).as("the mapped address, then the relay's port where the link sees it")
                .containsExactly(JONESES_MAPPED, new InetSocketAddress(JONESES_SEEN.getAddress(), 5070));
        assertThat(smiths.describe()).isEqualTo("media: inside the link (no UDP path yet: probing 11.250.42.12:55070 "
                + "(mapped by its router) and 203.0.113.7:5070)");

        byte[] answer = joneses.control(smiths.probe(0), SMITHS_SEEN, 0);
        smiths.control(answer, JONESES_MAPPED, 0);
        assertThat(smiths.isDirect()).isTrue();
        assertThat(smiths.probeTargets()).as("a direct path probes only where it was proven").containsExactly(JONESES_MAPPED);
        assertThat(smiths.describe()).isEqualTo("media: direct UDP with 11.250.42.12:55070");
    }

    @Test
    void an_offer_carries_an_ipv4_or_ipv6_mapped_address_and_refuses_a_wildcard_one() throws Exception {
        InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("2001:db8::7"), 40000);
        assertThat(PathOffer.decode(joneses.offer(5070, v6)).mapped()).isEqualTo(v6);
        assertThat(PathOffer.decode(joneses.offer(5070, JONESES_MAPPED)).mapped()).isEqualTo(JONESES_MAPPED);
        assertThat(PathOffer.decode(joneses.offer(5070)).mapped()).isNull();
        byte[] wildcard = joneses.offer(5070, new InetSocketAddress("0.0.0.0", 5070));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> smiths.offered(wildcard))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0.0.0.0");
    }

    @Test
    void a_relayed_link_probes_nothing_until_it_moves_to_a_direct_one_and_then_its_calls_go_over_udp() {
        List<byte[]> inLink = new ArrayList<>();
        MediaPath relayed = new MediaPath("theJoneses", null, (type, payload) -> inLink.add(payload), random,
                meters("theJoneses"));
        relayed.offered(joneses.offer(5070));
        joneses.offered(relayed.offer(5070));
        assertThat(relayed.probe(0)).as("nowhere to probe: the link's other end is the relaying site").isNull();
        assertThat(relayed.describe()).isEqualTo("media: inside the link (no UDP path: the link is relayed, and the "
                + "other site's router mapped no UDP port for media)");
        List<InetSocketAddress> udp = new ArrayList<>();
        relayed.send(io.netty.buffer.Unpooled.wrappedBuffer(new byte[] {1}), (to, packet) -> udp.add(to));
        assertThat(inLink).hasSize(1);

        List<byte[]> inDirectLink = new ArrayList<>();
        relayed.moved(JONESES_SEEN.getAddress(), (type, payload) -> inDirectLink.add(payload));
        assertThat(relayed.describe()).isEqualTo("media: inside the link (no UDP path yet: probing 203.0.113.7:5070)");
        relayed.send(io.netty.buffer.Unpooled.wrappedBuffer(new byte[] {2}), (to, packet) -> udp.add(to));
        assertThat(inDirectLink).as("inside the new link until UDP is proven").hasSize(1);

        byte[] probe = relayed.probe(1_000);
        assertThat(relayed.probeTargets()).containsExactly(JONESES_SEEN);
        relayed.control(joneses.control(probe, SMITHS_SEEN, 1_000), JONESES_SEEN, 1_000);
        assertThat(relayed.isDirect()).isTrue();
        relayed.send(io.netty.buffer.Unpooled.wrappedBuffer(new byte[] {3}), (to, packet) -> udp.add(to));
        assertThat(udp).containsExactly(JONESES_SEEN);
        assertThat(inLink).hasSize(1);
        assertThat(inDirectLink).hasSize(1);
        assertThat(relayed.describe()).isEqualTo("media: direct UDP with 203.0.113.7:5070");
    }

    @Test
    void a_relayed_link_probes_the_address_the_other_sites_router_mapped() {
        MediaPath relayed = new MediaPath("theJoneses", null, (type, payload) -> { }, random, meters("theJoneses"));
        relayed.offered(joneses.offer(5070, JONESES_MAPPED));
        joneses.offered(relayed.offer(5070));
        byte[] probe = relayed.probe(0);
        assertThat(relayed.probeTargets()).containsExactly(JONESES_MAPPED);
        relayed.control(joneses.control(probe, SMITHS_SEEN, 0), JONESES_MAPPED, 0);
        assertThat(relayed.isDirect()).isTrue();
    }

    @Test
    void the_same_offer_again_keeps_the_sequence_numbers_seen_so_an_old_probe_cannot_be_replayed() {
        exchangeOffers();
        byte[] probe = smiths.probe(0);
        assertThat(joneses.control(probe, SMITHS_SEEN, 0)).isNotNull();
        joneses.offered(smiths.offer(5070, new InetSocketAddress("11.250.42.13", 5070)));
        assertThat(joneses.control(probe, new InetSocketAddress("192.0.2.66", 4444), 1)).isNull();
        assertThat(joneses.far()).isEqualTo(SMITHS_SEEN);
    }
}
