package org.sipsocial.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two sites' relays in one JVM on loopback, each with a phone (a plain UDP socket): RTP from one phone arrives at
 * the other as the same RTP, as SRTP between the relays, and a packet altered between the relays is dropped and
 * counted.
 */
class MediaRelayTest {
    private final SecureRandom random = new SecureRandom();
    private final SimpleMeterRegistry smithsMetrics = new SimpleMeterRegistry();
    private final SimpleMeterRegistry jonesesMetrics = new SimpleMeterRegistry();
    private final MediaRelay smiths = MediaRelay.start(new MediaSettings("127.0.1.1", 41000, 41009,
            new InetSocketAddress("127.0.1.1", 0), java.time.Duration.ofMinutes(5)), smithsMetrics);
    private final MediaRelay joneses = MediaRelay.start(new MediaSettings("127.0.2.1", 42000, 42009,
            new InetSocketAddress("127.0.2.1", 0), java.time.Duration.ofMinutes(5)), jonesesMetrics);

    @AfterEach
    void stop() {
        smiths.close();
        joneses.close();
    }

    @Test
    void rtp_from_a_phone_on_one_site_reaches_the_phone_on_the_other_and_back() throws Exception {
        Leg[] legs = RelayFixtures.joinedLegs(smiths, joneses);
        try (DatagramSocket bob = new DatagramSocket(new InetSocketAddress("127.0.1.50", 0));
             DatagramSocket alice = new DatagramSocket(new InetSocketAddress("127.0.2.50", 0))) {
            bob.setSoTimeout(10_000);
            alice.setSoTimeout(10_000);
            legs[1].phoneAnnounced((InetSocketAddress) alice.getLocalSocketAddress());
            byte[] hello = SrtpStreamTest.rtp(0xB0B, 1, "hello from bob on theSmiths".getBytes());
            bob.send(new DatagramPacket(hello, hello.length, InetAddress.getByName("127.0.1.1"), legs[0].lanPort()));
            assertThat(RelayFixtures.receive(alice)).isEqualTo(hello);

            // Alice answers; her relay now sends to where her packets come from, and Bob's to where his came from.
            byte[] back = SrtpStreamTest.rtp(0xA11CE, 1, "hello back from alice".getBytes());
            alice.send(new DatagramPacket(back, back.length, InetAddress.getByName("127.0.2.1"), legs[1].lanPort()));
            assertThat(RelayFixtures.receive(bob)).isEqualTo(back);
        }
        assertThat(smithsMetrics.counter("sipsocial_media_packets", "direction", "to_site").count()).isEqualTo(1);
        assertThat(jonesesMetrics.counter("sipsocial_media_packets", "direction", "to_phone").count()).isEqualTo(1);
    }

    @Test
    void the_same_sdp_joining_a_leg_again_keeps_its_srtp_streams_so_a_replayed_packet_is_still_refused() throws Exception {
        Leg atSmiths = smiths.open();
        Leg atJoneses = joneses.open();
        SrtpKey smithsToJoneses = SrtpKey.random(SrtpSuite.AEAD_AES_128_GCM, random);
        SrtpKey jonesesToSmiths = SrtpKey.random(SrtpSuite.AEAD_AES_128_GCM, random);
        atSmiths.toSite(joneses.linkSide(), atJoneses.channel(), smithsToJoneses, jonesesToSmiths);
        try (DatagramSocket bob = new DatagramSocket(new InetSocketAddress("127.0.1.50", 0));
             DatagramSocket alice = new DatagramSocket(new InetSocketAddress("127.0.2.50", 0));
             DatagramSocket replayer = new DatagramSocket(new InetSocketAddress("127.0.1.1", 0))) {
            alice.setSoTimeout(10_000);
            atJoneses.phoneAnnounced((InetSocketAddress) alice.getLocalSocketAddress());
            byte[] first = SrtpStreamTest.rtp(0xB0B, 1, "packet 1".getBytes());
            for (int sequence = 1; sequence <= 3; sequence++) {
                // A retransmitted 200 OK hands theJoneses's relay the same SDP again between packets.
                atJoneses.toSite(smiths.linkSide(), atSmiths.channel(), jonesesToSmiths, smithsToJoneses);
                byte[] rtp = sequence == 1 ? first : SrtpStreamTest.rtp(0xB0B, sequence, ("packet " + sequence).getBytes());
                bob.send(new DatagramPacket(rtp, rtp.length, InetAddress.getByName("127.0.1.1"), atSmiths.lanPort()));
                assertThat(RelayFixtures.receive(alice)).isEqualTo(rtp);
            }
            // Packet 1 again, as SRTP under theSmiths's key, sent to theJoneses's relay: a replay.
            PacketBuffer replay = PacketBuffer.copyOf(first, 0, first.length);
            try (SrtpStream capture = SrtpStream.sending(smithsToJoneses)) {
                assertThat(capture.protect(replay)).isTrue();
            }
            byte[] framed = LinkMediaPacket.frame(atJoneses.channel(), replay);
            atJoneses.toSite(smiths.linkSide(), atSmiths.channel(), jonesesToSmiths, smithsToJoneses);
            replayer.send(new DatagramPacket(framed, framed.length, joneses.linkSide()));
            alice.setSoTimeout(1000);
            assertThat(receiveNothing(alice)).as("the replayed packet reached alice").isTrue();
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() ->
                jonesesMetrics.counter("sipsocial_media_srtp_failures").count() == 1);
    }

    @Test
    void rtcp_from_the_port_after_the_rtp_port_reaches_the_other_phones_rtcp_port_as_srtcp_between_the_relays() throws Exception {
        Leg[] legs = RelayFixtures.joinedLegs(smiths, joneses);
        try (DatagramSocket bobRtcp = new DatagramSocket(new InetSocketAddress("127.0.1.50", 0));
             DatagramSocket aliceRtcp = new DatagramSocket(new InetSocketAddress("127.0.2.50", 0))) {
            bobRtcp.setSoTimeout(10_000);
            aliceRtcp.setSoTimeout(10_000);
            // Alice's SDP announces RTP on the port below her RTCP socket.
            legs[1].phoneAnnounced(new InetSocketAddress("127.0.2.50", aliceRtcp.getLocalPort() - 1));
            byte[] report = senderReport(0xB0B);
            bobRtcp.send(new DatagramPacket(report, report.length, InetAddress.getByName("127.0.1.1"), legs[0].lanPort() + 1));
            assertThat(RelayFixtures.receive(aliceRtcp)).isEqualTo(report);

            byte[] back = senderReport(0xA11CE);
            aliceRtcp.send(new DatagramPacket(back, back.length, InetAddress.getByName("127.0.2.1"), legs[1].lanPort() + 1));
            DatagramPacket got = new DatagramPacket(new byte[2048], 2048);
            bobRtcp.receive(got);
            assertThat(Arrays.copyOf(got.getData(), got.getLength())).isEqualTo(back);
            assertThat(got.getPort()).as("RTCP comes back from the relay's RTCP port").isEqualTo(legs[0].lanPort() + 1);
        }
    }

    /**
     * Calls spread over the relay's threads: bursts from every phone at once, interleaved on the one link-side
     * socket, each reach the other phone whole and in order (the link side hands each call's packets to that
     * call's thread in the order they came).
     */
    @Test
    void interleaved_bursts_of_several_calls_each_arrive_whole_and_in_order() throws Exception {
        int calls = 4;
        int packets = 200;
        Leg[][] legs = new Leg[calls][];
        DatagramSocket[] bobs = new DatagramSocket[calls];
        DatagramSocket[] alices = new DatagramSocket[calls];
        try {
            for (int call = 0; call < calls; call++) {
                legs[call] = RelayFixtures.joinedLegs(smiths, joneses);
                bobs[call] = new DatagramSocket(new InetSocketAddress("127.0.1.50", 0));
                alices[call] = new DatagramSocket(new InetSocketAddress("127.0.2.50", 0));
                alices[call].setSoTimeout(10_000);
                alices[call].setReceiveBufferSize(1 << 20);
                legs[call][1].phoneAnnounced((InetSocketAddress) alices[call].getLocalSocketAddress());
            }
            for (int sequence = 1; sequence <= packets; sequence++) {
                for (int call = 0; call < calls; call++) {
                    byte[] rtp = SrtpStreamTest.rtp(0xB0B0 + call, sequence, ("call " + call + " packet " + sequence).getBytes());
                    bobs[call].send(new DatagramPacket(rtp, rtp.length, InetAddress.getByName("127.0.1.1"), legs[call][0].lanPort()));
                }
            }
            for (int call = 0; call < calls; call++) {
                for (int sequence = 1; sequence <= packets; sequence++) {
                    byte[] got = RelayFixtures.receive(alices[call]);
                    assertThat(Rtp.sequence(got, 0)).as("call %d", call).isEqualTo(sequence);
                    assertThat(Rtp.ssrc(got, 0)).isEqualTo(0xB0B0 + call);
                }
                assertThat(legs[call][1].lateFromSite()).isZero();
                assertThat(legs[call][1].lostFromSite()).isZero();
            }
        } finally {
            for (int call = 0; call < calls; call++) {
                if (bobs[call] != null) {
                    bobs[call].close();
                }
                if (alices[call] != null) {
                    alices[call].close();
                }
            }
        }
        assertThat(jonesesMetrics.counter("sipsocial_media_packets", "direction", "to_phone").count()).isEqualTo(calls * packets);
    }

    /** An RTCP sender report (RFC 3550 §6.4.1) with no report blocks. */
    private static byte[] senderReport(int ssrc) {
        byte[] sr = new byte[28];
        sr[0] = (byte) 0x80;
        sr[1] = (byte) 200;
        sr[3] = 6;
        sr[4] = (byte) (ssrc >>> 24);
        sr[5] = (byte) (ssrc >>> 16);
        sr[6] = (byte) (ssrc >>> 8);
        sr[7] = (byte) ssrc;
        for (int i = 8; i < sr.length; i++) {
            sr[i] = (byte) i;
        }
        return sr;
    }

    @Test
    void a_packet_altered_or_forged_between_the_relays_is_dropped_and_counted() throws Exception {
        Leg[] legs = RelayFixtures.joinedLegs(smiths, joneses);
        try (DatagramSocket alice = new DatagramSocket(new InetSocketAddress("127.0.2.50", 0));
             DatagramSocket attacker = new DatagramSocket(new InetSocketAddress("127.0.9.9", 0))) {
            alice.setSoTimeout(500);
            legs[1].phoneAnnounced((InetSocketAddress) alice.getLocalSocketAddress());
            byte[] forged = new byte[4 + 40];
            forged[3] = (byte) legs[1].channel();
            forged[2] = (byte) (legs[1].channel() >>> 8);
            forged[1] = (byte) (legs[1].channel() >>> 16);
            forged[0] = (byte) (legs[1].channel() >>> 24);
            forged[4] = (byte) 0x80;
            attacker.send(new DatagramPacket(forged, forged.length, joneses.linkSide()));
            assertThat(receiveNothing(alice)).isTrue();
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(2)).until(() ->
                jonesesMetrics.counter("sipsocial_media_srtp_failures").count() == 1);
    }

    /**
     * Links the two relays as site links would: each hears of the other's link coming up, with a carrier that
     * hands frames to the other relay (the link), and the far host where the link sees the other site.
     */
    private void link(String smithsSeenAs, String jonesesSeenAs, java.util.concurrent.atomic.AtomicInteger framesInLink) {
        smiths.linkUp("theJoneses", address(jonesesSeenAs), (type, payload) -> {
            framesInLink.incrementAndGet();
            joneses.fromLink("theSmiths", type, payload);
        });
        joneses.linkUp("theSmiths", address(smithsSeenAs), (type, payload) -> {
            framesInLink.incrementAndGet();
            smiths.fromLink("theJoneses", type, payload);
        });
        // linkUp runs on each relay's link-side thread: calls made before it would take the SDP's path instead.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() ->
                smiths.pathTo("theJoneses").isPresent() && joneses.pathTo("theSmiths").isPresent());
    }

    private static InetAddress address(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A call's leg at both relays over the relays' media path, as MediaAnchor joins them. */
    private Leg[] legsOverThePath() {
        Leg atSmiths = smiths.open();
        Leg atJoneses = joneses.open();
        SrtpKey smithsToJoneses = SrtpKey.random(SrtpSuite.AEAD_AES_128_GCM, random);
        SrtpKey jonesesToSmiths = SrtpKey.random(SrtpSuite.AEAD_AES_128_GCM, random);
        atSmiths.toSite(smiths.path("theJoneses", joneses.linkSide()), atJoneses.channel(), smithsToJoneses, jonesesToSmiths);
        atJoneses.toSite(joneses.path("theSmiths", smiths.linkSide()), atSmiths.channel(), jonesesToSmiths, smithsToJoneses);
        return new Leg[] {atSmiths, atJoneses};
    }

    @Test
    void two_linked_relays_open_a_direct_udp_path_and_carry_calls_over_it() throws Exception {
        java.util.concurrent.atomic.AtomicInteger framesInLink = new java.util.concurrent.atomic.AtomicInteger();
        link("127.0.1.1", "127.0.2.1", framesInLink);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() ->
                smiths.pathTo("theJoneses").orElse("").startsWith("media: direct UDP")
                        && joneses.pathTo("thesmiths").orElse("").startsWith("media: direct UDP"));
        assertThat(smiths.pathTo("theJoneses")).contains("media: direct UDP with 127.0.2.1:" + joneses.linkSide().getPort());
        int offersOnly = framesInLink.get();
        assertThat(offersOnly).as("only the two offers went inside the link").isEqualTo(2);

        Leg[] legs = legsOverThePath();
        try (DatagramSocket bob = new DatagramSocket(new InetSocketAddress("127.0.1.50", 0));
             DatagramSocket alice = new DatagramSocket(new InetSocketAddress("127.0.2.50", 0))) {
            alice.setSoTimeout(10_000);
            legs[1].phoneAnnounced((InetSocketAddress) alice.getLocalSocketAddress());
            byte[] hello = SrtpStreamTest.rtp(0xB0B, 1, "over the direct path".getBytes());
            bob.send(new DatagramPacket(hello, hello.length, InetAddress.getByName("127.0.1.1"), legs[0].lanPort()));
            assertThat(RelayFixtures.receive(alice)).isEqualTo(hello);
        }
        assertThat(framesInLink.get()).as("the packet went over UDP, not inside the link").isEqualTo(offersOnly);
        // The sending thread counts a packet after handing it to the socket: the count may come just after it arrives.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(2)).untilAsserted(() -> assertThat(
                smithsMetrics.counter("sipsocial_media_path_packets", "site", "thejoneses", "via", "udp", "direction", "sent")
                        .count()).isEqualTo(1));
        assertThat(jonesesMetrics.counter("sipsocial_media_path_packets", "site", "thesmiths", "via", "udp", "direction", "received")
                .count()).isEqualTo(1);
    }

    @Test
    void relays_whose_udp_cannot_reach_each_other_carry_media_inside_the_link() throws Exception {
        java.util.concurrent.atomic.AtomicInteger framesInLink = new java.util.concurrent.atomic.AtomicInteger();
        // Each link sees the other site at an address where no relay listens: no probe arrives anywhere.
        link("127.0.9.1", "127.0.9.2", framesInLink);
        Leg[] legs = legsOverThePath();
        try (DatagramSocket bob = new DatagramSocket(new InetSocketAddress("127.0.1.50", 0));
             DatagramSocket alice = new DatagramSocket(new InetSocketAddress("127.0.2.50", 0))) {
            bob.setSoTimeout(10_000);
            alice.setSoTimeout(10_000);
            legs[1].phoneAnnounced((InetSocketAddress) alice.getLocalSocketAddress());
            legs[0].phoneAnnounced((InetSocketAddress) bob.getLocalSocketAddress());
            byte[] hello = SrtpStreamTest.rtp(0xB0B, 1, "inside the link".getBytes());
            bob.send(new DatagramPacket(hello, hello.length, InetAddress.getByName("127.0.1.1"), legs[0].lanPort()));
            assertThat(RelayFixtures.receive(alice)).isEqualTo(hello);
            byte[] back = SrtpStreamTest.rtp(0xA11CE, 1, "and back".getBytes());
            alice.send(new DatagramPacket(back, back.length, InetAddress.getByName("127.0.2.1"), legs[1].lanPort()));
            assertThat(RelayFixtures.receive(bob)).isEqualTo(back);
            // Bob's packet 2 is lost on his LAN; 3 arrives, then 2 late.
            for (int sequence : new int[] {3, 2}) {
                byte[] next = SrtpStreamTest.rtp(0xB0B, sequence, "inside the link".getBytes());
                bob.send(new DatagramPacket(next, next.length, InetAddress.getByName("127.0.1.1"), legs[0].lanPort()));
                assertThat(RelayFixtures.receive(alice)).isEqualTo(next);
            }
        }
        assertThat(jonesesMetrics.counter("sipsocial_media_path_lost_packets", "site", "thesmiths").count()).isEqualTo(1);
        assertThat(jonesesMetrics.counter("sipsocial_media_path_late_packets", "site", "thesmiths").count()).isEqualTo(1);
        assertThat(legs[1].lostFromSite()).isZero();
        assertThat(legs[1].lateFromSite()).isEqualTo(1);
        assertThat(framesInLink.get()).as("two offers and four media packets").isEqualTo(6);
        // Counted by the sending thread once its send returned, which may be after the packet arrived.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(2)).untilAsserted(() -> assertThat(
                smithsMetrics.counter("sipsocial_media_path_packets", "site", "thejoneses", "via", "link", "direction", "sent")
                        .count()).isEqualTo(3));
        assertThat(smithsMetrics.counter("sipsocial_media_path_packets", "site", "thejoneses", "via", "link", "direction", "received")
                .count()).isEqualTo(1);
        assertThat(smiths.pathTo("theJoneses")).contains("media: inside the link (no UDP path yet: probing 127.0.9.2:"
                + joneses.linkSide().getPort() + ")");
        assertThat(smithsMetrics.counter("sipsocial_media_srtp_failures").count()).isZero();
    }

    /** Links the two relays through a relaying site (issue 15): neither knows where the other is. */
    private void linkRelayed(java.util.concurrent.atomic.AtomicInteger framesInLink) {
        smiths.linkUp("theJoneses", null, (type, payload) -> {
            framesInLink.incrementAndGet();
            joneses.fromLink("theSmiths", type, payload);
        });
        joneses.linkUp("theSmiths", null, (type, payload) -> {
            framesInLink.incrementAndGet();
            smiths.fromLink("theJoneses", type, payload);
        });
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() ->
                smiths.pathTo("theJoneses").orElse("").contains("the link is relayed")
                        && joneses.pathTo("theSmiths").orElse("").contains("the link is relayed"));
    }

    @Test
    void a_call_on_a_relayed_link_keeps_its_audio_when_the_link_moves_to_a_direct_one_and_moves_to_udp() throws Exception {
        java.util.concurrent.atomic.AtomicInteger framesInLink = new java.util.concurrent.atomic.AtomicInteger();
        linkRelayed(framesInLink);
        Leg[] legs = legsOverThePath();
        try (DatagramSocket bob = new DatagramSocket(new InetSocketAddress("127.0.1.50", 0));
             DatagramSocket alice = new DatagramSocket(new InetSocketAddress("127.0.2.50", 0))) {
            alice.setSoTimeout(10_000);
            legs[1].phoneAnnounced((InetSocketAddress) alice.getLocalSocketAddress());
            byte[] first = SrtpStreamTest.rtp(0xB0B, 1, "through theBrowns".getBytes());
            bob.send(new DatagramPacket(first, first.length, InetAddress.getByName("127.0.1.1"), legs[0].lanPort()));
            assertThat(RelayFixtures.receive(alice)).isEqualTo(first);
            assertThat(framesInLink.get()).as("two offers and the packet, inside the relayed link").isEqualTo(3);

            // A direct dial got through: the same link now runs over a direct connection.
            smiths.linkMoved("theJoneses", address("127.0.2.1"), (type, payload) -> {
                framesInLink.incrementAndGet();
                joneses.fromLink("theSmiths", type, payload);
            });
            joneses.linkMoved("theSmiths", address("127.0.1.1"), (type, payload) -> {
                framesInLink.incrementAndGet();
                smiths.fromLink("theJoneses", type, payload);
            });
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() ->
                    smiths.pathTo("theJoneses").orElse("").startsWith("media: direct UDP")
                            && joneses.pathTo("theSmiths").orElse("").startsWith("media: direct UDP"));
            assertThat(smiths.pathTo("theJoneses")).contains("media: direct UDP with 127.0.2.1:" + joneses.linkSide().getPort());
            int before = framesInLink.get();
            byte[] second = SrtpStreamTest.rtp(0xB0B, 2, "now over UDP".getBytes());
            bob.send(new DatagramPacket(second, second.length, InetAddress.getByName("127.0.1.1"), legs[0].lanPort()));
            assertThat(RelayFixtures.receive(alice)).as("the call in progress keeps its audio").isEqualTo(second);
            assertThat(framesInLink.get()).as("the packet went over UDP, not inside the link").isEqualTo(before);
        }
        assertThat(legs[0].pathToSite()).isEqualTo(MediaAnchor.CallMedia.DIRECT);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(2)).untilAsserted(() -> assertThat(
                smithsMetrics.counter("sipsocial_media_path_packets", "site", "thejoneses", "via", "udp", "direction", "sent")
                        .count()).isEqualTo(1));
        assertThat(smithsMetrics.counter("sipsocial_media_path_packets", "site", "thejoneses", "via", "link", "direction", "sent")
                .count()).isEqualTo(1);
    }

    @Test
    void a_relay_tells_the_other_the_address_its_router_mapped_and_the_other_gets_through_there() throws Exception {
        java.util.concurrent.atomic.AtomicInteger framesInLink = new java.util.concurrent.atomic.AtomicInteger();
        // Neither link address reaches a relay (a NAT that changes ports, say), but theSmiths's router maps its
        // relay's port; it learns so after the link came up and tells theJoneses in a new offer.
        link("127.0.9.1", "127.0.9.2", framesInLink);
        smiths.routerMapped(java.util.Optional.of(smiths.linkSide()));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() ->
                smiths.pathTo("theJoneses").orElse("").startsWith("media: direct UDP")
                        && joneses.pathTo("theSmiths").orElse("").startsWith("media: direct UDP"));
        assertThat(joneses.pathTo("theSmiths")).contains("media: direct UDP with 127.0.1.1:" + smiths.linkSide().getPort());
        assertThat(framesInLink.get()).as("the two offers, then theSmiths's again with the mapped address").isEqualTo(3);
        smiths.routerMapped(java.util.Optional.of(smiths.linkSide()));
        smiths.linkLoop().submit(() -> { }).sync();
        assertThat(framesInLink.get()).as("the same mapping is not offered again").isEqualTo(3);
    }

    @Test
    void a_link_that_goes_down_takes_its_media_path_with_it() {
        link("127.0.1.1", "127.0.2.1", new java.util.concurrent.atomic.AtomicInteger());
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(2)).until(() -> smiths.pathTo("theJoneses").isPresent());
        smiths.linkDown("theJoneses");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(2)).until(() -> smiths.pathTo("theJoneses").isEmpty());
    }

    @Test
    void closing_a_leg_gives_its_port_back() {
        Leg[] legs = RelayFixtures.joinedLegs(smiths, joneses);
        assertThat(smiths.portsInUse()).as("one port pair, RTP and RTCP").isEqualTo(1);
        legs[0].close();
        legs[1].close();
        assertThat(smiths.portsInUse()).isZero();
        assertThat(smiths.openLegs()).isZero();
        assertThat(joneses.portsInUse()).isZero();
    }

    @Test
    void a_leg_no_packet_passed_for_the_idle_timeout_is_closed_and_its_port_given_back() throws Exception {
        org.sipsocial.testkit.ManualClock clock = org.sipsocial.testkit.ManualClock.at("2026-12-06T12:00:00Z");
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        try (MediaRelay relay = MediaRelay.start(new MediaSettings("127.0.3.1", 45000, 45009,
                new InetSocketAddress("127.0.3.1", 0), java.time.Duration.ofMinutes(30)), metrics, clock)) {
            Leg quiet = relay.open();
            Leg talking = relay.open();
            clock.advance(java.time.Duration.ofMinutes(20));
            try (DatagramSocket phone = new DatagramSocket(new InetSocketAddress("127.0.3.50", 0))) {
                byte[] rtp = SrtpStreamTest.rtp(1, 1, new byte[20]);
                phone.send(new DatagramPacket(rtp, rtp.length, InetAddress.getByName("127.0.3.1"), talking.lanPort()));
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(2)).until(() ->
                        metrics.counter("sipsocial_media_dropped").count() == 1);
            }
            clock.advance(java.time.Duration.ofMinutes(15));
            relay.closeIdleLegs();
            assertThat(quiet.isClosed()).isTrue();
            assertThat(talking.isClosed()).isFalse();
            assertThat(relay.portsInUse()).isEqualTo(1);
            assertThat(metrics.counter("sipsocial_media_idle_legs_closed").count()).isEqualTo(1);
        }
    }

    @Test
    void a_port_of_the_range_that_another_socket_holds_is_skipped_and_counted() throws Exception {
        try (DatagramSocket rtpHeld = new DatagramSocket(new InetSocketAddress("127.0.1.1", 41000));
                DatagramSocket rtcpHeld = new DatagramSocket(new InetSocketAddress("127.0.1.1", 41003))) {
            Leg leg = smiths.open();
            assertThat(leg.lanPort()).as("41000 is held, and 41002's RTCP port 41003 too").isEqualTo(41004);
            assertThat(smiths.portsInUse()).isEqualTo(1);
            assertThat(smithsMetrics.counter("sipsocial_media_ports_held_elsewhere").count()).isEqualTo(2);
            leg.close();
            assertThat(smiths.portsInUse()).as("the held ports went back to the pool, not lost").isZero();
        }
        for (int i = 0; i < 5; i++) {
            smiths.open();
        }
        assertThat(smiths.portsInUse()).as("once freed by the other sockets, every port is usable again").isEqualTo(5);
    }

    @Test
    void a_relay_whose_free_ports_are_all_held_by_other_sockets_says_so() throws Exception {
        List<DatagramSocket> held = new ArrayList<>();
        try {
            for (int port = 41000; port <= 41008; port += 2) {
                held.add(new DatagramSocket(new InetSocketAddress("127.0.1.1", port)));
            }
            org.assertj.core.api.Assertions.assertThatThrownBy(smiths::open).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("held by other sockets");
            assertThat(smiths.portsInUse()).isZero();
            assertThat(smiths.openLegs()).isZero();
        } finally {
            held.forEach(DatagramSocket::close);
        }
    }

    @Test
    void a_relay_whose_ports_are_all_taken_says_so() {
        for (int i = 0; i < 5; i++) {
            smiths.open();
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(smiths::open).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("all 5 media ports are in use");
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
