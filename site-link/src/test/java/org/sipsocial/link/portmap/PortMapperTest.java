package org.sipsocial.link.portmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.sipsocial.link.LinkScheduler;
import org.sipsocial.testkit.ManualClock;
import org.sipsocial.testkit.ManualScheduler;

/** The PCP and NAT-PMP client against a {@link FakeGateway} it reaches in memory, with time moved by hand. */
class PortMapperTest {
    private static final byte[] NONCE = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    private final ManualScheduler time = new ManualScheduler(ManualClock.at("2026-12-06T18:40:00Z"));
    private final FakeGateway gateway = new FakeGateway(time.clock());
    private final LinkScheduler scheduler = (delay, task) -> time.schedule(delay, task)::cancel;
    private final PortMapper mapper = new PortMapper(PortMappingSettings.forPort(5070), scheduler, time.clock(), "10.1.0.1", NONCE, new java.util.Random(15));
    private boolean closed;

    /** The transport: each request reaches the gateway at once, and its answer (if any) comes straight back. */
    private final GatewayTransport transport = new GatewayTransport() {
        @Override
        public Inet4Address localAddress() {
            try {
                return (Inet4Address) InetAddress.getByName("10.1.0.2");
            } catch (UnknownHostException e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public void send(byte[] request) {
            byte[] answer = gateway.answer(request);
            if (answer != null) {
                time.schedule(Duration.ZERO, () -> mapper.received(answer, answer.length));
            }
        }

        @Override
        public void close() {
            closed = true;
        }
    };

    private void settle() {
        while (time.runDue() > 0) {
            // Answers scheduled at zero delay may send the next request, answered in turn.
        }
    }

    @Test
    void aRouterThatSpeaksPcpMapsTcpThenUdpAndStatusSaysWhatWasMappedByPcp() {
        mapper.start(transport);
        settle();
        assertThat(gateway.seen()).containsExactly("pcp tcp 7200", "pcp udp 7200");
        assertThat(mapper.status()).isEqualTo(new PortMappingStatus(
                "router mapped 11.250.42.12:5070 to this site by PCP, renewed 18:40; media on UDP 11.250.42.12:5070",
                Optional.of("11.250.42.12:5070"), Optional.of(new InetSocketAddress("11.250.42.12", 5070))));
    }

    @Test
    void aNatPmpRouterAnsweringPcpWithUnsupportedVersionIsAskedInNatPmpTheExternalAddressFirst() {
        gateway.speaksPcp = false;
        mapper.start(transport);
        settle();
        assertThat(gateway.seen()).containsExactly("pcp tcp 7200", "nat-pmp address", "nat-pmp tcp 7200", "nat-pmp udp 7200");
        assertThat(mapper.status()).isEqualTo(new PortMappingStatus(
                "router mapped 11.250.42.12:5070 to this site by NAT-PMP, renewed 18:40; media on UDP 11.250.42.12:5070",
                Optional.of("11.250.42.12:5070"), Optional.of(new InetSocketAddress("11.250.42.12", 5070))));
    }

    @Test
    void theMappingIsRenewedAtHalfTheGrantedLifetime() {
        gateway.grantedLifetime = 600;
        mapper.start(transport);
        settle();
        assertThat(time.nextDelay()).contains(Duration.ofSeconds(300));
        time.advance(Duration.ofSeconds(299));
        settle();
        assertThat(gateway.requests).hasSize(2);
        time.advance(Duration.ofSeconds(1));
        settle();
        assertThat(gateway.seen()).containsExactly("pcp tcp 7200", "pcp udp 7200", "pcp tcp 7200", "pcp udp 7200");
        assertThat(mapper.status().line()).contains(", renewed 18:45;");
    }

    @Test
    void aPcpRenewalCarriesTheSameNonce() {
        gateway.grantedLifetime = 600;
        mapper.start(transport);
        settle();
        time.advance(Duration.ofSeconds(300));
        settle();
        for (byte[] request : gateway.requests) {
            assertThat(java.util.Arrays.copyOfRange(request, 24, 36)).isEqualTo(NONCE);
        }
    }

    @Test
    void anUnansweredRequestIsSentAgainAfter250MillisecondsDoublingEachTime() {
        gateway.silentFor = 3;
        mapper.start(transport);
        List<Duration> waits = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            waits.add(time.nextDelay().orElseThrow());
            time.advance(waits.get(i));
        }
        settle();
        assertThat(waits).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofMillis(1000));
        assertThat(gateway.seen()).containsExactly("pcp tcp 7200", "pcp tcp 7200", "pcp tcp 7200", "pcp tcp 7200", "pcp udp 7200");
        assertThat(mapper.status().line()).startsWith("router mapped ");
    }

    @Test
    void aRouterSilentForFiveAttemptsOfEachIsReportedAsNotAnsweringAndAskedAgainLater() {
        gateway.silentFor = Integer.MAX_VALUE;
        mapper.start(transport);
        Duration waited = Duration.ZERO;
        for (int i = 0; i < 10; i++) {
            Duration wait = time.nextDelay().orElseThrow();
            waited = waited.plus(wait);
            time.advance(wait);
        }
        assertThat(gateway.seen()).hasSize(10).startsWith("pcp tcp 7200").endsWith("nat-pmp address");
        assertThat(waited).as("7.75 s for each dialect").isEqualTo(Duration.ofMillis(2 * 250 * 31));
        assertThat(mapper.status()).isEqualTo(PortMappingStatus.unmapped("no port mapping: the router did not answer PCP or NAT-PMP"));
        assertThat(time.nextDelay()).contains(PortMappingSettings.RETRY_AFTER);
        time.advance(PortMappingSettings.RETRY_AFTER);
        assertThat(gateway.seen()).last().isEqualTo("pcp tcp 7200");
    }

    @Test
    void aPcpRefusalIsShownWithTheResultCodesMeaning() {
        gateway.result = PcpResult.NOT_AUTHORIZED.code();
        mapper.start(transport);
        settle();
        assertThat(gateway.seen()).containsExactly("pcp tcp 7200");
        assertThat(mapper.status().line()).isEqualTo(
                "no port mapping: the router refused PCP: not authorized (port mapping is turned off on the router)");
        assertThat(mapper.status().seenFrom()).isEmpty();
    }

    @Test
    void aNatPmpRefusalIsShownWithTheResultCodesMeaning() {
        gateway.speaksPcp = false;
        gateway.result = NatPmpResult.OUT_OF_RESOURCES.code();
        mapper.start(transport);
        settle();
        assertThat(mapper.status().line()).isEqualTo(
                "no port mapping: the router refused NAT-PMP: out of resources (the router cannot make more mappings now)");
    }

    @Test
    void stoppingDeletesBothPcpMappingsWithLifetimeZeroAndClosesTheTransport() {
        mapper.start(transport);
        settle();
        mapper.stop();
        assertThat(gateway.seen()).containsExactly("pcp tcp 7200", "pcp udp 7200", "pcp tcp 0", "pcp udp 0");
        assertThat(closed).isTrue();
        settle();
        assertThat(time.pending()).as("no renewal left behind").isZero();
    }

    @Test
    void stoppingDeletesNatPmpMappingsInNatPmp() {
        gateway.speaksPcp = false;
        mapper.start(transport);
        settle();
        mapper.stop();
        assertThat(gateway.seen()).endsWith("nat-pmp tcp 0", "nat-pmp udp 0");
    }

    @Test
    void stoppingBeforeAnythingWasMappedSendsNothing() {
        gateway.silentFor = Integer.MAX_VALUE;
        mapper.start(transport);
        mapper.stop();
        assertThat(gateway.requests).hasSize(1);
        assertThat(closed).isTrue();
    }

    @Test
    void aResponseWithAnotherNonceIsIgnored() {
        gateway.silentFor = 1;
        mapper.start(transport);
        byte[] stray = gateway.answer(PcpCodec.mapRequest(new byte[12], MappedProtocol.TCP, 5070, 5070, 7200,
                transport.localAddress()));
        mapper.received(stray, stray.length);
        assertThat(mapper.status().line()).isEqualTo("port mapping: asking the router at 10.1.0.1 (PCP)");
    }

    private static final InetSocketAddress MEDIA_ON_40001 = new InetSocketAddress("11.250.42.12", 40001);

    @Test
    void theUdpPortTheRouterGrantsTheMediaRelayIsToldWhenMappedAskedForAgainOnRenewalAndGoneWhenDeleted() {
        gateway.udpPortTaken = true;
        gateway.grantedLifetime = 600;
        List<Optional<InetSocketAddress>> told = new java.util.ArrayList<>();
        mapper.onChange(() -> told.add(mapper.status().media()));
        mapper.start(transport);
        settle();
        assertThat(mapper.status().media()).as("the router's UDP port, not the TCP one").contains(MEDIA_ON_40001);
        assertThat(mapper.status().line()).isEqualTo(
                "router mapped 11.250.42.12:5070 to this site by PCP, renewed 18:40; media on UDP 11.250.42.12:40001");
        assertThat(told).containsExactly(Optional.of(MEDIA_ON_40001));

        time.advance(Duration.ofSeconds(300));
        settle();
        assertThat(gateway.seen()).containsExactly("pcp tcp 7200", "pcp udp 7200", "pcp tcp 7200", "pcp udp 7200");
        assertThat(FakeGateway.suggestedPort(gateway.requests.get(3))).as("the renewal asks for the UDP port granted").isEqualTo(40001);
        assertThat(mapper.status().media()).contains(MEDIA_ON_40001);

        mapper.stop();
        assertThat(gateway.seen()).endsWith("pcp tcp 0", "pcp udp 0");
        assertThat(FakeGateway.suggestedPort(gateway.requests.get(5))).isEqualTo(40001);
        assertThat(told).last().isEqualTo(Optional.empty());
    }

    @Test
    void aNatPmpRouterGrantingAnotherUdpPortIsToldToTheListenerToo() {
        gateway.speaksPcp = false;
        gateway.udpPortTaken = true;
        mapper.start(transport);
        settle();
        assertThat(gateway.seen()).containsExactly("pcp tcp 7200", "nat-pmp address", "nat-pmp tcp 7200", "nat-pmp udp 7200");
        assertThat(mapper.status().media()).contains(MEDIA_ON_40001);
    }

    @Test
    void aRefusalOrNoAnswerMapsNoMedia() {
        gateway.result = PcpResult.NOT_AUTHORIZED.code();
        mapper.start(transport);
        settle();
        assertThat(mapper.status().media()).isEmpty();
    }

    private static final byte[] NEW_EXTERNAL = {11, (byte) 250, 42, 99};
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(5);

    /** The gateway's mappings once the mapper has mapped port 5070 on TCP and UDP. */
    private static final java.util.Set<String> BOTH = java.util.Set.of("tcp 5070 -> 5070", "udp 5070 -> 5070");

    private void mapThenWait(Duration wait) {
        mapper.start(transport);
        settle();
        time.advance(wait);
        settle();
    }

    @Test
    void aPcpRouterThatRestartsAndAnnouncesItGetsBothMappingsBackWithinFiveSecondsNotAtTheNextRenewal() {
        mapThenWait(Duration.ofMinutes(10));
        gateway.restart();
        assertThat(gateway.mappings).isEmpty();

        byte[] announce = gateway.pcpAnnounce();
        mapper.announced(announce, announce.length);
        Duration wait = time.nextDelay().orElseThrow();
        assertThat(wait).as("RFC 6887 §14.1.3: a random wait of up to 5 s").isLessThanOrEqualTo(LONGEST_WAIT);
        time.advance(wait);
        settle();

        assertThat(gateway.mappings).isEqualTo(BOTH);
        assertThat(gateway.seen()).containsExactly("pcp tcp 7200", "pcp udp 7200", "pcp tcp 7200", "pcp udp 7200");
        assertThat(mapper.status().line()).contains(" by PCP, renewed 18:50;");
        assertThat(time.nextDelay()).as("then renewed on the usual schedule").contains(Duration.ofSeconds(3600));
    }

    @Test
    void aPcpAnnounceSentToThisClientRatherThanMulticastIsHeededToo() {
        mapThenWait(Duration.ofMinutes(10));
        gateway.restart();
        byte[] announce = gateway.pcpAnnounce();
        mapper.received(announce, announce.length);
        time.advance(LONGEST_WAIT);
        settle();
        assertThat(gateway.mappings).isEqualTo(BOTH);
    }

    @Test
    void aNatPmpRouterThatRestartsWithAnotherExternalAddressIsMappedAgainAndTheSiteAndTheMediaListenerSeeTheNewAddress() {
        gateway.speaksPcp = false;
        List<Optional<InetSocketAddress>> told = new java.util.ArrayList<>();
        mapper.onChange(() -> told.add(mapper.status().media()));
        mapThenWait(Duration.ofMinutes(10));
        gateway.restart();
        gateway.external = NEW_EXTERNAL;

        byte[] announce = gateway.natPmpAnnounce();
        mapper.announced(announce, announce.length);
        Duration wait = time.nextDelay().orElseThrow();
        assertThat(wait).as("RFC 6886 §3.7: a random wait of up to 5 s").isLessThanOrEqualTo(LONGEST_WAIT);
        time.advance(wait);
        settle();

        assertThat(gateway.mappings).isEqualTo(BOTH);
        assertThat(mapper.status().seenFrom()).contains("11.250.42.99:5070");
        assertThat(told).last().isEqualTo(Optional.of(new InetSocketAddress("11.250.42.99", 5070)));
    }

    @Test
    void anAnnouncementWhoseEpochRanOnShowsNoRestartAndChangesNothing() {
        mapThenWait(Duration.ofMinutes(10));
        byte[] pcp = gateway.pcpAnnounce();
        mapper.announced(pcp, pcp.length);
        byte[] natPmp = gateway.natPmpAnnounce();
        mapper.announced(natPmp, natPmp.length);
        settle();
        assertThat(gateway.requests).hasSize(2);
        assertThat(time.nextDelay()).as("the renewal still at half the lifetime").contains(Duration.ofSeconds(3000));
    }

    @Test
    void aNatPmpAnnouncementOfANewAddressWithoutARestartMovesTheMappingsToItAtOnceWithoutAsking() {
        gateway.speaksPcp = false;
        mapThenWait(Duration.ofMinutes(10));
        gateway.external = NEW_EXTERNAL;
        byte[] announce = gateway.natPmpAnnounce();
        mapper.announced(announce, announce.length);
        assertThat(mapper.status().media()).as("RFC 6886 §3.2.1").contains(new InetSocketAddress("11.250.42.99", 5070));
        assertThat(gateway.requests).hasSize(4);
    }

    @Test
    void aRouterThatRestartsBetweenTheTwoAnswersOfARoundHasBothMappingsMadeAgainRightAfterTheRound() {
        gateway.restartAtRequest = 2;
        mapper.start(transport);
        settle();
        assertThat(gateway.seen()).as("RFC 6887 §8.5: the UDP answer's epoch went back to 0")
                .containsExactly("pcp tcp 7200", "pcp udp 7200", "pcp tcp 7200", "pcp udp 7200");
        assertThat(gateway.mappings).isEqualTo(BOTH);
        assertThat(time.nextDelay()).contains(Duration.ofSeconds(3600));
    }

    @Test
    void aNatPmpRouterThatRestartsDuringARoundIsAskedAgainWithinFiveSeconds() {
        gateway.speaksPcp = false;
        gateway.restartAtRequest = 4;
        mapper.start(transport);
        settle();
        assertThat(gateway.mappings).as("the TCP mapping was lost in the restart").containsExactly("udp 5070 -> 5070");
        Duration wait = time.nextDelay().orElseThrow();
        assertThat(wait).as("RFC 6886 §3.6, §3.7").isLessThanOrEqualTo(LONGEST_WAIT);
        time.advance(wait);
        settle();
        assertThat(gateway.mappings).isEqualTo(BOTH);
    }

    @Test
    void anAnnouncementFromAStoppedMapperIsIgnored() {
        mapThenWait(Duration.ofMinutes(10));
        mapper.stop();
        gateway.restart();
        byte[] announce = gateway.pcpAnnounce();
        mapper.announced(announce, announce.length);
        time.advance(LONGEST_WAIT);
        assertThat(gateway.seen()).containsExactly("pcp tcp 7200", "pcp udp 7200", "pcp tcp 0", "pcp udp 0");
    }
}
