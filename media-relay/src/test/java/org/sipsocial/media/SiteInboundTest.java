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
 * Packets from another site are worked on by the link side's thread itself while it keeps up, and by the leg's own
 * thread when a read brings more than that thread should work on; either way each call's packets reach its phone
 * whole and in order, and each leg's inbound SRTP stream is used by one thread at a time.
 */
class SiteInboundTest {
    private final SimpleMeterRegistry smithsMetrics = new SimpleMeterRegistry();
    private final MediaRelay smiths = MediaRelay.start(new MediaSettings("127.0.1.1", 41020, 41029,
            new InetSocketAddress("127.0.1.1", 0), Duration.ofMinutes(5)), smithsMetrics);
    /** Its legs live on LAN threads, none on the link side's (which works on its own legs' packets always). */
    private final MediaRelay joneses = MediaRelay.start(new MediaSettings("127.0.2.1", 42020, 42029,
            new InetSocketAddress("127.0.2.1", 0), Duration.ofMinutes(5)), new SimpleMeterRegistry(), 0);
    private final CountDownLatch linkHeld = new CountDownLatch(1);
    private final CountDownLatch legHeld = new CountDownLatch(1);

    @AfterEach
    void stop() {
        linkHeld.countDown();
        legHeld.countDown();
        smiths.close();
        joneses.close();
    }

    @Test
    void a_lone_packet_is_worked_on_by_the_link_sides_thread_and_a_big_read_mostly_by_the_legs_thread_in_order() throws Exception {
        Leg[] legs = RelayFixtures.joinedLegs(smiths, joneses);
        int burst = 100;
        try (DatagramSocket bob = new DatagramSocket(new InetSocketAddress("127.0.1.50", 0));
             DatagramSocket alice = new DatagramSocket(new InetSocketAddress("127.0.2.50", 0))) {
            alice.setSoTimeout(10_000);
            alice.setReceiveBufferSize(1 << 20);
            legs[1].phoneAnnounced((InetSocketAddress) alice.getLocalSocketAddress());

            send(bob, legs[0], 1);
            assertThat(sequenceOf(RelayFixtures.receive(alice))).isEqualTo(1);
            assertThat(workedHereAndHandedOver()).containsExactly(1, 0);

            // The link side's thread is held while a burst queues up on its socket, and the leg's thread while the
            // link side reads it: one read brings the whole burst, more than the link side works on itself.
            RelayFixtures.hold(joneses.linkLoop(), linkHeld);
            RelayFixtures.hold(legs[1].loop.loop, legHeld);
            for (int sequence = 2; sequence <= burst + 1; sequence++) {
                send(bob, legs[0], sequence);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> relayedToSite() == burst + 1);
            linkHeld.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> sum(workedHereAndHandedOver()) == burst + 1);
            assertThat(workedHereAndHandedOver()).containsExactly(1 + SiteInbound.WORK_HERE_PER_READ,
                    burst - SiteInbound.WORK_HERE_PER_READ);

            // A lone packet while its leg's thread still holds earlier ones goes behind them, not past them.
            send(bob, legs[0], burst + 2);
            await().atMost(Duration.ofSeconds(10)).until(() -> sum(workedHereAndHandedOver()) == burst + 2);
            assertThat(workedHereAndHandedOver()[1]).isEqualTo(burst - SiteInbound.WORK_HERE_PER_READ + 1);
            legHeld.countDown();
            for (int sequence = 2; sequence <= burst + 2; sequence++) {
                assertThat(sequenceOf(RelayFixtures.receive(alice))).isEqualTo(sequence);
            }

            // Once the leg's thread has done what it was given, the link side works on the leg's packets again.
            await().atMost(Duration.ofSeconds(10)).until(() -> legs[1].siteItemsDone == legs[1].siteItemsHanded);
            send(bob, legs[0], burst + 3);
            assertThat(sequenceOf(RelayFixtures.receive(alice))).isEqualTo(burst + 3);
            assertThat(workedHereAndHandedOver()[0]).isEqualTo(2 + SiteInbound.WORK_HERE_PER_READ);
            assertThat(legs[1].lateFromSite()).isZero();
            assertThat(legs[1].lostFromSite()).isZero();
        }
    }

    @Test
    void after_a_full_read_even_a_call_with_nothing_in_hand_is_handed_to_its_thread_until_a_read_drains_the_socket() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(joneses.nativeEpoll(), "one recvmmsg per read needs native epoll");
        Leg[] busy = RelayFixtures.joinedLegs(smiths, joneses);
        Leg[] quiet = RelayFixtures.joinedLegs(smiths, joneses);
        try (DatagramSocket bob = new DatagramSocket(new InetSocketAddress("127.0.1.50", 0));
             DatagramSocket alice = new DatagramSocket(new InetSocketAddress("127.0.2.50", 0));
             DatagramSocket carol = new DatagramSocket(new InetSocketAddress("127.0.2.51", 0))) {
            alice.setSoTimeout(10_000);
            alice.setReceiveBufferSize(1 << 20);
            carol.setSoTimeout(10_000);
            busy[1].phoneAnnounced((InetSocketAddress) alice.getLocalSocketAddress());
            quiet[1].phoneAnnounced((InetSocketAddress) carol.getLocalSocketAddress());
            RelayFixtures.hold(joneses.linkLoop(), linkHeld);
            // A full read of the busy call's packets, then a read with the rest of them and the quiet call's one.
            int burst = RelaySockets.LINK_DATAGRAMS_PER_READ + 8;
            for (int sequence = 1; sequence <= burst; sequence++) {
                send(bob, busy[0], sequence);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> relayedToSite() == burst);
            send(bob, quiet[0], 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> relayedToSite() == burst + 1);
            linkHeld.countDown();
            assertThat(sequenceOf(RelayFixtures.receive(carol))).isEqualTo(1);
            for (int sequence = 1; sequence <= burst; sequence++) {
                assertThat(sequenceOf(RelayFixtures.receive(alice))).isEqualTo(sequence);
            }
            assertThat(quiet[1].siteItemsHanded).as("the quiet call's packet, read behind a full read").isEqualTo(1);
            assertThat(workedHereAndHandedOver()).containsExactly(SiteInbound.WORK_HERE_PER_READ,
                    burst + 1 - SiteInbound.WORK_HERE_PER_READ);

            // That read drained the socket: the next packet is worked on where it is read.
            await().atMost(Duration.ofSeconds(10)).until(() -> quiet[1].siteItemsDone == 1);
            send(bob, quiet[0], 2);
            assertThat(sequenceOf(RelayFixtures.receive(carol))).isEqualTo(2);
            assertThat(workedHereAndHandedOver()[0]).isEqualTo(SiteInbound.WORK_HERE_PER_READ + 1);
        }
    }

    @Test
    void a_replayed_packet_is_refused_whichever_thread_worked_on_the_original() throws Exception {
        Leg[] legs = RelayFixtures.joinedLegs(smiths, joneses);
        try (DatagramSocket alice = new DatagramSocket(new InetSocketAddress("127.0.2.50", 0));
             DatagramSocket bob = new DatagramSocket(new InetSocketAddress("127.0.1.50", 0));
             DatagramSocket wire = new DatagramSocket(new InetSocketAddress("127.0.1.60", 0))) {
            alice.setSoTimeout(500);
            legs[1].phoneAnnounced((InetSocketAddress) alice.getLocalSocketAddress());
            // What smiths sends to joneses is captured: smiths's leg is pointed at the capturing socket.
            SrtpKey out = SrtpKey.random(SrtpSuite.AEAD_AES_128_GCM, new SecureRandom());
            SrtpKey back = SrtpKey.random(SrtpSuite.AEAD_AES_128_GCM, new SecureRandom());
            legs[0].toSite((InetSocketAddress) wire.getLocalSocketAddress(), legs[1].channel(), out, back);
            legs[1].toSite(smiths.linkSide(), legs[0].channel(), back, out);
            wire.setSoTimeout(10_000);
            byte[][] captured = new byte[2][];
            for (int sequence = 1; sequence <= 2; sequence++) {
                send(bob, legs[0], sequence);
                DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
                wire.receive(packet);
                captured[sequence - 1] = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
            }
            // The first worked on by the link side's thread, the second by the leg's (held, so handed over).
            toJoneses(wire, captured[0]);
            assertThat(sequenceOf(RelayFixtures.receive(alice))).isEqualTo(1);
            RelayFixtures.hold(legs[1].loop.loop, legHeld);
            RelayFixtures.hold(joneses.linkLoop(), linkHeld);
            for (int i = 0; i <= SiteInbound.WORK_HERE_PER_READ; i++) {
                toJoneses(wire, captured[0]);
            }
            toJoneses(wire, captured[1]);
            linkHeld.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> sum(workedHereAndHandedOver()) == SiteInbound.WORK_HERE_PER_READ + 3);
            legHeld.countDown();
            assertThat(sequenceOf(RelayFixtures.receive(alice))).isEqualTo(2);
            await().atMost(Duration.ofSeconds(10)).until(() -> legs[1].siteItemsDone == legs[1].siteItemsHanded);
            toJoneses(wire, captured[1]);
            assertThat(receiveNothing(alice)).isTrue();
            assertThat(joneses.counters.authenticationFailures.count()).isEqualTo(SiteInbound.WORK_HERE_PER_READ + 2);
        }
    }

    private void toJoneses(DatagramSocket wire, byte[] packet) throws Exception {
        wire.send(new DatagramPacket(packet, packet.length, joneses.linkSide()));
    }

    private long[] workedHereAndHandedOver() {
        return joneses.fromSitesWorkedHereAndHandedOver();
    }

    private static long sum(long[] counts) {
        return counts[0] + counts[1];
    }

    private double relayedToSite() {
        return smithsMetrics.counter("sipsocial_media_packets", "direction", "to_site").count();
    }

    private static void send(DatagramSocket phone, Leg leg, int sequence) throws Exception {
        byte[] rtp = SrtpStreamTest.rtp(0xB0B, sequence, ("packet " + sequence).getBytes());
        phone.send(new DatagramPacket(rtp, rtp.length, InetAddress.getByName("127.0.1.1"), leg.lanPort()));
    }

    private static int sequenceOf(byte[] rtp) {
        return Rtp.sequence(rtp, 0);
    }

    private static boolean receiveNothing(DatagramSocket socket) throws Exception {
        try {
            RelayFixtures.receive(socket);
            return false;
        } catch (java.net.SocketTimeoutException expected) {
            return true;
        }
    }
}
