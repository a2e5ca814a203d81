package org.sipsocial.link.portmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.sipsocial.link.LinkScheduler;
import org.sipsocial.testkit.ManualClock;
import org.sipsocial.testkit.ManualScheduler;

/** The NAT-PMP client against a {@link FakeGateway} it reaches in memory, with time moved by hand. */
class PortMapperTest {
    private final ManualScheduler time = new ManualScheduler(ManualClock.at("2026-12-06T18:40:00Z"));
    private final FakeGateway gateway = new FakeGateway();
    private final LinkScheduler scheduler = (delay, task) -> time.schedule(delay, task)::cancel;
    private final PortMapper mapper = new PortMapper(PortMappingSettings.forPort(5070), scheduler, time.clock(), "10.1.0.1");
    private boolean closed;

    /** The transport: each request reaches the gateway at once, and its answer (if any) comes straight back. */
    private final NatPmpTransport transport = new NatPmpTransport() {
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
    void aRoundAsksTheExternalAddressThenMapsTcpThenUdpAndStatusSaysWhatWasMapped() {
        mapper.start(transport);
        settle();
        assertThat(gateway.opcodes()).containsExactly(0, 2, 1);
        assertThat(mapper.status()).isEqualTo(new PortMappingStatus(
                "router mapped 11.250.42.12:5070 to this site by NAT-PMP, renewed 18:40", java.util.Optional.of("11.250.42.12:5070")));
    }

    @Test
    void theMappingIsRenewedAtHalfTheGrantedLifetime() {
        gateway.grantedLifetime = 600;
        mapper.start(transport);
        settle();
        assertThat(time.nextDelay()).contains(Duration.ofSeconds(300));
        time.advance(Duration.ofSeconds(299));
        settle();
        assertThat(gateway.requests).hasSize(3);
        time.advance(Duration.ofSeconds(1));
        settle();
        assertThat(gateway.opcodes()).containsExactly(0, 2, 1, 0, 2, 1);
        assertThat(mapper.status().line()).endsWith("renewed 18:45");
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
        assertThat(gateway.opcodes()).containsExactly(0, 0, 0, 0, 2, 1);
        assertThat(mapper.status().line()).startsWith("router mapped ");
    }

    @Test
    void aRouterSilentForNineAttemptsIsReportedAsNotAnsweringAndAskedAgainLater() {
        gateway.silentFor = Integer.MAX_VALUE;
        mapper.start(transport);
        Duration waited = Duration.ZERO;
        for (int i = 0; i < 9; i++) {
            Duration wait = time.nextDelay().orElseThrow();
            waited = waited.plus(wait);
            time.advance(wait);
        }
        assertThat(gateway.requests).hasSize(9);
        assertThat(waited).isEqualTo(Duration.ofMillis(250 * 511));
        assertThat(mapper.status()).isEqualTo(PortMappingStatus.unmapped("no port mapping: the router did not answer NAT-PMP"));
        assertThat(time.nextDelay()).contains(PortMappingSettings.RETRY_AFTER);
    }

    @Test
    void aRefusalIsShownWithTheResultCodesMeaning() {
        gateway.result = NatPmpResult.NOT_AUTHORIZED;
        mapper.start(transport);
        settle();
        assertThat(gateway.opcodes()).containsExactly(0);
        assertThat(mapper.status().line()).isEqualTo(
                "no port mapping: the router refused NAT-PMP: not authorized or refused (port mapping is turned off on the router)");
        assertThat(mapper.status().seenFrom()).isEmpty();
    }

    @Test
    void stoppingDeletesBothMappingsWithLifetimeZeroAndClosesTheTransport() {
        mapper.start(transport);
        settle();
        mapper.stop();
        assertThat(gateway.opcodes()).containsExactly(0, 2, 1, 2, 1);
        assertThat(gateway.lifetimes()).containsExactly(7200L, 7200L, 0L, 0L);
        assertThat(closed).isTrue();
        settle();
        assertThat(time.pending()).as("no renewal left behind").isZero();
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
    void aDatagramThatAnswersAnotherRequestIsIgnored() {
        gateway.silentFor = 1;
        mapper.start(transport);
        byte[] stray = {0, (byte) 130, 0, 0, 0, 0, 0, 1, 0x13, (byte) 0xce, 0x13, (byte) 0xce, 0, 0, 0x1c, 0x20};
        mapper.received(stray, stray.length);
        assertThat(mapper.status().line()).startsWith("port mapping: asking the router at 10.1.0.1");
    }
}
