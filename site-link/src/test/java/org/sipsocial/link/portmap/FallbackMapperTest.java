package org.sipsocial.link.portmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.sipsocial.link.LinkScheduler;
import org.sipsocial.testkit.ManualClock;
import org.sipsocial.testkit.ManualScheduler;

/**
 * The order the site asks its router in, PCP, then NAT-PMP, then UPnP, against a {@link FakeGateway} (PCP and
 * NAT-PMP) and a {@link FakeUpnpGateway}, with time moved by hand. Every request to either is kept in one list, in
 * the order sent.
 */
class FallbackMapperTest {
    private static final byte[] NONCE = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    private final ManualScheduler time = new ManualScheduler(ManualClock.at("2026-12-06T18:40:00Z"));
    private final LinkScheduler scheduler = (delay, task) -> time.schedule(delay, task)::cancel;
    private final PortMappingSettings settings = PortMappingSettings.forPort(5070);
    private final FakeGateway pcpAndNatPmp = new FakeGateway();
    private final FakeUpnpGateway upnp = new FakeUpnpGateway();
    private final List<String> sent = new ArrayList<>();
    private final FallbackMapper mapper = new FallbackMapper(settings, scheduler,
            new PortMapper(settings, scheduler, time.clock(), "10.1.0.1", NONCE, new java.util.Random(15)),
            new UpnpMapper(settings, scheduler, time.clock(), upnp));

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
            byte[] answer = pcpAndNatPmp.answer(request);
            sent.add(pcpAndNatPmp.seen().get(pcpAndNatPmp.seen().size() - 1));
            if (answer != null) {
                time.schedule(Duration.ZERO, () -> mapper.received(answer, answer.length));
            }
        }

        @Override
        public void close() {
        }
    };

    /** Runs every timer due in the next {@code span}, one after another. */
    private void pass(Duration span) {
        java.time.Instant end = time.clock().instant().plus(span);
        while (true) {
            java.util.Optional<Duration> next = time.nextDelay();
            if (next.isEmpty() || time.clock().instant().plus(next.get()).isAfter(end)) {
                break;
            }
            time.advance(next.get());
            sentToUpnp();
        }
    }

    private void sentToUpnp() {
        for (String call : upnp.calls) {
            sent.add("upnp " + call);
        }
        upnp.calls.clear();
    }

    @Test
    void aRouterThatAnswersPcpIsNeverAskedByNatPmpOrUpnp() {
        mapper.start(transport);
        pass(Duration.ofSeconds(1));
        assertThat(sent).containsExactly("pcp tcp 7200", "pcp udp 7200");
        assertThat(mapper.status().line()).isEqualTo("router mapped 11.250.42.12:5070 to this site by PCP, renewed 18:40; media on UDP 11.250.42.12:5070");
    }

    @Test
    void aRouterSilentOnPcpAndNatPmpIsAskedByUpnpAfterBothAndStatusSaysByUpnp() {
        pcpAndNatPmp.silentFor = Integer.MAX_VALUE;
        mapper.start(transport);
        pass(Duration.ofSeconds(16));
        assertThat(sent).hasSize(10 + 4);
        assertThat(sent.subList(0, 5)).containsOnly("pcp tcp 7200");
        assertThat(sent.subList(5, 10)).containsOnly("nat-pmp address");
        assertThat(sent.subList(10, 14)).containsExactly("upnp search", "upnp external address", "upnp add tcp 5070 lease 7200",
                "upnp add udp 5070 lease 7200");
        assertThat(mapper.status().line()).isEqualTo("router mapped 11.250.42.12:5070 to this site by UPnP, renewed 18:40; media on UDP 11.250.42.12:5070");
        assertThat(mapper.status().seenFrom()).contains("11.250.42.12:5070");
    }

    @Test
    void aRouterThatRefusesPcpIsAskedByUpnpAtOnce() {
        pcpAndNatPmp.result = PcpResult.NOT_AUTHORIZED.code();
        mapper.start(transport);
        pass(Duration.ZERO);
        assertThat(sent).containsExactly("pcp tcp 7200", "upnp search", "upnp external address", "upnp add tcp 5070 lease 7200",
                "upnp add udp 5070 lease 7200");
        assertThat(mapper.status().line()).startsWith("router mapped 11.250.42.12:5070 to this site by UPnP");
    }

    @Test
    void whenNoProtocolMapsStatusSaysWhyEachFailedAndPcpIsAskedAgainAfterTheRetryTime() {
        pcpAndNatPmp.silentFor = Integer.MAX_VALUE;
        upnp.present = false;
        mapper.start(transport);
        pass(Duration.ofSeconds(16));
        assertThat(mapper.status().line()).isEqualTo("no port mapping: the router did not answer PCP or NAT-PMP; "
                + "UPnP: no UPnP IGD at 10.1.0.1 answered the search (SSDP)");
        assertThat(mapper.status().seenFrom()).isEmpty();
        sent.clear();
        pass(PortMappingSettings.RETRY_AFTER);
        assertThat(sent).first().isEqualTo("pcp tcp 7200");
    }

    @Test
    void whileUpnpMapsStatusSaysUpnpsLineAndStoppingDeletesItsMappings() {
        pcpAndNatPmp.silentFor = Integer.MAX_VALUE;
        mapper.start(transport);
        pass(Duration.ofSeconds(16));
        mapper.stop();
        sentToUpnp();
        assertThat(sent).endsWith("upnp delete tcp 5070", "upnp delete udp 5070");
        assertThat(sent).noneMatch(request -> request.endsWith(" 0"));
        assertThat(time.pending()).as("nothing left to run").isZero();
    }

    private final List<java.util.Optional<java.net.InetSocketAddress>> told = new ArrayList<>();

    @Test
    void theUdpAddressMappedForMediaIsToldOnceWhenPcpMapsItNotAgainOnRenewalAndEmptyWhenTheSiteStops() {
        pcpAndNatPmp.udpPortTaken = true;
        mapper.onMediaMapped(told::add);
        mapper.start(transport);
        pass(Duration.ofSeconds(1));
        java.net.InetSocketAddress media = new java.net.InetSocketAddress("11.250.42.12", 40001);
        assertThat(told).containsExactly(java.util.Optional.of(media));
        pass(Duration.ofSeconds(3600));
        assertThat(sent).as("renewed").containsExactly("pcp tcp 7200", "pcp udp 7200", "pcp tcp 7200", "pcp udp 7200");
        assertThat(told).as("the same mapping is not told again").containsExactly(java.util.Optional.of(media));
        mapper.stop();
        assertThat(sent).endsWith("pcp tcp 0", "pcp udp 0");
        assertThat(told).containsExactly(java.util.Optional.of(media), java.util.Optional.empty());
    }

    @Test
    void theUdpAddressMappedByUpnpIsToldWhenPcpAndNatPmpGotNoAnswer() {
        pcpAndNatPmp.silentFor = Integer.MAX_VALUE;
        mapper.onMediaMapped(told::add);
        mapper.start(transport);
        pass(Duration.ofSeconds(16));
        assertThat(told).containsExactly(java.util.Optional.of(new java.net.InetSocketAddress("11.250.42.12", 5070)));
        pass(Duration.ofSeconds(3600));
        assertThat(told).as("a UPnP renewal does not withdraw it meanwhile").hasSize(1);
        mapper.stop();
        sentToUpnp();
        assertThat(sent).endsWith("upnp delete tcp 5070", "upnp delete udp 5070");
        assertThat(told).last().isEqualTo(java.util.Optional.empty());
    }

    @Test
    void aRouterThatAnsweredNoProtocolButThenAnnouncesItselfIsAskedAgainWithinFiveSecondsNotAfterTheRetryTime() {
        pcpAndNatPmp.silentFor = Integer.MAX_VALUE;
        upnp.present = false;
        mapper.start(transport);
        pass(Duration.ofSeconds(16));
        sent.clear();
        pcpAndNatPmp.silentFor = 0;
        byte[] announce = pcpAndNatPmp.pcpAnnounce();
        mapper.announced(announce, announce.length);
        pass(Duration.ofSeconds(5));
        assertThat(sent).containsExactly("pcp tcp 7200", "pcp udp 7200");
        assertThat(mapper.status().line()).startsWith("router mapped 11.250.42.12:5070 to this site by PCP");
    }

    @Test
    void aPcpRouterThatRestartsWithAnotherAddressIsMappedAgainWithinFiveSecondsAndTheMediaListenerHearsTheNewAddress() {
        mapper.onMediaMapped(told::add);
        mapper.start(transport);
        pass(Duration.ofSeconds(1));
        pcpAndNatPmp.restart();
        pcpAndNatPmp.external = new byte[] {11, (byte) 250, 42, 99};
        byte[] announce = pcpAndNatPmp.pcpAnnounce();
        mapper.announced(announce, announce.length);
        pass(Duration.ofSeconds(5));
        assertThat(sent).containsExactly("pcp tcp 7200", "pcp udp 7200", "pcp tcp 7200", "pcp udp 7200");
        assertThat(pcpAndNatPmp.mappings).containsExactly("tcp 5070 -> 5070", "udp 5070 -> 5070");
        assertThat(mapper.status().seenFrom()).contains("11.250.42.99:5070");
        assertThat(told).last().isEqualTo(java.util.Optional.of(new java.net.InetSocketAddress("11.250.42.99", 5070)));
    }

    @Test
    void whileUpnpMapsAPcpAnnouncementIsLeftAloneAsUpnpHasNoEpochAndRenewsOnItsSchedule() {
        pcpAndNatPmp.silentFor = Integer.MAX_VALUE;
        mapper.start(transport);
        pass(Duration.ofSeconds(16));
        sent.clear();
        byte[] announce = pcpAndNatPmp.pcpAnnounce();
        mapper.announced(announce, announce.length);
        pass(Duration.ofSeconds(5));
        assertThat(sent).isEmpty();
        assertThat(mapper.status().line()).startsWith("router mapped 11.250.42.12:5070 to this site by UPnP");
    }
}
