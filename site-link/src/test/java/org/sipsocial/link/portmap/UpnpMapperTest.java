package org.sipsocial.link.portmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.sipsocial.link.LinkScheduler;
import org.sipsocial.testkit.ManualClock;
import org.sipsocial.testkit.ManualScheduler;

/** The UPnP IGD client against a {@link FakeUpnpGateway}, with time moved by hand. */
class UpnpMapperTest {
    private final ManualScheduler time = new ManualScheduler(ManualClock.at("2026-12-06T18:40:00Z"));
    private final LinkScheduler scheduler = (delay, task) -> time.schedule(delay, task)::cancel;
    private final FakeUpnpGateway router = new FakeUpnpGateway();
    private final UpnpMapper mapper = new UpnpMapper(PortMappingSettings.forPort(5070), scheduler, time.clock(), router);
    private final List<String> gaveUp = new ArrayList<>();

    @Test
    void aRoundSearchesAsksTheExternalAddressMapsTcpThenUdpAndStatusSaysByUpnp() {
        mapper.start(gaveUp::add);
        assertThat(router.calls).containsExactly("search", "external address", "add tcp 5070 lease 7200", "add udp 5070 lease 7200");
        assertThat(mapper.status()).isEqualTo(new PortMappingStatus(
                "router mapped 11.250.42.12:5070 to this site by UPnP, renewed 18:40; media on UDP 11.250.42.12:5070",
                Optional.of("11.250.42.12:5070"), Optional.of(new java.net.InetSocketAddress("11.250.42.12", 5070))));
        assertThat(gaveUp).isEmpty();
    }

    @Test
    void aRenewalKeepsSayingWhatIsMappedSoTheMediaMappingIsNotWithdrawnMeanwhile() {
        List<Optional<java.net.InetSocketAddress>> told = new ArrayList<>();
        mapper.onChange(() -> told.add(mapper.status().media()));
        mapper.start(gaveUp::add);
        time.advance(Duration.ofSeconds(3600));
        Optional<java.net.InetSocketAddress> media = Optional.of(new java.net.InetSocketAddress("11.250.42.12", 5070));
        assertThat(told).as("asking, mapped, renewed").containsExactly(Optional.empty(), media, media);
    }

    @Test
    void theMappingIsRenewedAtHalfTheLeaseWithoutSearchingAgain() {
        mapper.start(gaveUp::add);
        router.calls.clear();
        assertThat(time.nextDelay()).contains(Duration.ofSeconds(3600));
        time.advance(Duration.ofSeconds(3600));
        assertThat(router.calls).containsExactly("external address", "add tcp 5070 lease 7200", "add udp 5070 lease 7200");
        assertThat(mapper.status().line()).contains(", renewed 19:40;");
    }

    @Test
    void aRouterThatTakesOnlyPermanentLeasesIsAskedForOneAndStillRenewedAtHalfTheLifetime() {
        router.addErrors.add(IgdSoap.ONLY_PERMANENT_LEASES_SUPPORTED);
        mapper.start(gaveUp::add);
        assertThat(router.calls).containsExactly("search", "external address", "add tcp 5070 lease 7200", "add tcp 5070 lease 0",
                "add udp 5070 lease 0");
        assertThat(time.nextDelay()).contains(Duration.ofSeconds(3600));
    }

    @Test
    void aVersion2RouterWhosePortIsTakenIsAskedToChooseOneAndStatusShowsIt() {
        router.addErrors.add(IgdSoap.CONFLICT_IN_MAPPING_ENTRY);
        mapper.start(gaveUp::add);
        assertThat(router.calls).containsExactly("search", "external address", "add tcp 5070 lease 7200",
                "add any tcp 5070 lease 7200", "add udp 5070 lease 7200");
        assertThat(mapper.status().line()).startsWith("router mapped 11.250.42.12:55070 to this site by UPnP, renewed 18:40; "
                + "media on UDP 11.250.42.12:5070");
        time.advance(Duration.ofSeconds(3600));
        assertThat(router.calls).contains("add tcp 55070 lease 7200");
    }

    @Test
    void aVersion1RouterWhosePortIsTakenRefusesAndTheReasonIsHandedOn() {
        router.service = new WanConnection("urn:schemas-upnp-org:service:WANIPConnection:1", FakeUpnpGateway.IGD2.controlUrl());
        router.addErrors.add(IgdSoap.CONFLICT_IN_MAPPING_ENTRY);
        mapper.start(gaveUp::add);
        assertThat(gaveUp).containsExactly("AddPortMapping refused: 718");
        assertThat(mapper.status().line()).isEqualTo("no port mapping by UPnP: AddPortMapping refused: 718");
        assertThat(time.pending()).as("the caller decides when to ask again").isZero();
    }

    @Test
    void noRouterAnsweringTheSearchIsHandedOnWithTheReason() {
        router.present = false;
        mapper.start(gaveUp::add);
        assertThat(gaveUp).containsExactly("no UPnP IGD at 10.1.0.1 answered the search (SSDP)");
    }

    @Test
    void aRenewalThatFailsSearchesAfreshNextTime() {
        mapper.start(gaveUp::add);
        router.present = false;
        time.advance(Duration.ofSeconds(3600));
        assertThat(gaveUp).hasSize(1);
        router.present = true;
        router.calls.clear();
        mapper.start(gaveUp::add);
        assertThat(router.calls).startsWith("search");
    }

    @Test
    void stoppingDeletesBothMappingsAndClosesTheGateway() {
        mapper.start(gaveUp::add);
        mapper.stop();
        assertThat(router.calls).endsWith("delete tcp 5070", "delete udp 5070");
        assertThat(router.closed).isTrue();
        assertThat(time.pending()).as("no renewal left behind").isZero();
    }

    @Test
    void stoppingBeforeAnythingWasMappedDeletesNothing() {
        router.present = false;
        mapper.start(gaveUp::add);
        mapper.stop();
        assertThat(router.calls).noneMatch(call -> call.startsWith("delete"));
        assertThat(router.closed).isTrue();
    }
}
