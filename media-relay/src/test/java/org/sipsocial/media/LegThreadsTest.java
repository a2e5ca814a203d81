package org.sipsocial.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The first legs of a relay live on the link side's thread, both ways, and the legs beyond them on the LAN threads;
 * a leg on the link side's thread gets its packets from the other site whole and in order even when one read brings
 * more than the link side works on for legs of other threads.
 */
class LegThreadsTest {
    private final SimpleMeterRegistry smithsMetrics = new SimpleMeterRegistry();
    private final MediaRelay smiths = MediaRelay.start(new MediaSettings("127.0.1.1", 41040, 41049,
            new InetSocketAddress("127.0.1.1", 0), Duration.ofMinutes(5)), smithsMetrics);
    /** Two legs at most on the link side's thread. */
    private final MediaRelay joneses = MediaRelay.start(new MediaSettings("127.0.2.1", 42040, 42049,
            new InetSocketAddress("127.0.2.1", 0), Duration.ofMinutes(5)), new SimpleMeterRegistry(), 2);
    private final CountDownLatch linkHeld = new CountDownLatch(1);

    @AfterEach
    void stop() {
        linkHeld.countDown();
        smiths.close();
        joneses.close();
    }

    @Test
    void legs_live_on_the_link_sides_thread_up_to_its_share_and_on_the_lan_threads_beyond_it() {
        Leg first = joneses.open();
        Leg second = joneses.open();
        Leg third = joneses.open();
        assertThat(first.loop.loop).isSameAs(joneses.linkLoop());
        assertThat(second.loop.loop).isSameAs(joneses.linkLoop());
        assertThat(third.loop.loop).isNotSameAs(joneses.linkLoop());
        assertThat(third.loop.linkSide).isFalse();

        // A leg that closes gives its place on the link side's thread to the next one.
        first.close();
        Leg fourth = joneses.open();
        assertThat(fourth.loop.loop).isSameAs(joneses.linkLoop());
        Leg fifth = joneses.open();
        assertThat(fifth.loop.loop).isNotSameAs(joneses.linkLoop());
    }

    @Test
    void a_leg_on_the_link_sides_thread_relays_both_ways_and_keeps_a_big_reads_packets_in_order() throws Exception {
        Leg[] legs = RelayFixtures.joinedLegs(smiths, joneses);
        assertThat(legs[1].loop.loop).isSameAs(joneses.linkLoop());
        int burst = RelaySockets.LINK_DATAGRAMS_PER_READ + 8;
        try (DatagramSocket bob = new DatagramSocket(new InetSocketAddress("127.0.1.50", 0));
             DatagramSocket alice = new DatagramSocket(new InetSocketAddress("127.0.2.50", 0))) {
            bob.setSoTimeout(10_000);
            alice.setSoTimeout(10_000);
            alice.setReceiveBufferSize(1 << 20);
            legs[0].phoneAnnounced((InetSocketAddress) bob.getLocalSocketAddress());
            legs[1].phoneAnnounced((InetSocketAddress) alice.getLocalSocketAddress());

            // Alice's packet goes out from the link side's thread, which also reads her LAN port.
            byte[] hello = SrtpStreamTest.rtp(0xA11CE, 1, "hello from alice".getBytes());
            alice.send(new DatagramPacket(hello, hello.length, InetAddress.getByName("127.0.2.1"), legs[1].lanPort()));
            assertThat(RelayFixtures.receive(bob)).isEqualTo(hello);

            // A burst queues up on the link-side socket while its thread is held: a full read, then the rest.
            RelayFixtures.hold(joneses.linkLoop(), linkHeld);
            for (int sequence = 1; sequence <= burst; sequence++) {
                byte[] rtp = SrtpStreamTest.rtp(0xB0B, sequence, ("packet " + sequence).getBytes());
                bob.send(new DatagramPacket(rtp, rtp.length, InetAddress.getByName("127.0.1.1"), legs[0].lanPort()));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> smithsMetrics
                    .counter("sipsocial_media_packets", "direction", "to_site").count() == burst);
            linkHeld.countDown();
            for (int sequence = 1; sequence <= burst; sequence++) {
                assertThat(Rtp.sequence(RelayFixtures.receive(alice), 0)).isEqualTo(sequence);
            }
            assertThat(joneses.fromSitesWorkedHereAndHandedOver()).containsExactly(burst, 0);
            assertThat(legs[1].lateFromSite()).isZero();
            assertThat(legs[1].lostFromSite()).isZero();
        }
    }

    @Test
    void a_leg_on_the_link_sides_thread_closed_by_the_idle_sweep_on_that_thread_gives_its_port_back() throws Exception {
        org.sipsocial.testkit.ManualClock clock = org.sipsocial.testkit.ManualClock.at("2026-12-07T03:00:00Z");
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        try (MediaRelay relay = MediaRelay.start(new MediaSettings("127.0.3.1", 45040, 45049,
                new InetSocketAddress("127.0.3.1", 0), Duration.ofMinutes(30)), metrics, clock)) {
            Leg quiet = relay.open();
            assertThat(quiet.loop.loop).isSameAs(relay.linkLoop());
            clock.advance(Duration.ofMinutes(31));
            // The sweep runs on the link side's thread, where the leg's own sockets live: their close must not wait
            // on that thread.
            relay.linkLoop().submit(relay::closeIdleLegs).get(10, TimeUnit.SECONDS);
            assertThat(quiet.isClosed()).isTrue();
            assertThat(relay.portsInUse()).isZero();
            assertThat(metrics.counter("sipsocial_media_idle_legs_closed").count()).isEqualTo(1);
        }
    }
}
