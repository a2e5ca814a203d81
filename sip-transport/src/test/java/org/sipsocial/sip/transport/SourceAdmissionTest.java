package org.sipsocial.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A source the admission refuses gets nothing: no answer, no 400 for junk, nothing handed up; other sources are served. */
class SourceAdmissionTest {
    private final Set<Integer> refusedPorts = ConcurrentHashMap.newKeySet();
    private volatile boolean refuseAll;
    private final Endpoint server = Endpoint.answering(TransportLimits.DEFAULTS, null,
            source -> !refuseAll && !refusedPorts.contains(source.getPort()), Endpoint.loopback(Transport.UDP), Endpoint.loopback(Transport.TCP));

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest(name = "over {0} a refused source's request is neither answered nor handed up, and others are served")
    @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
    void aRefusedSourceGetsNothingAndOthersAreServed(Transport t) throws Exception {
        try (RawClient refused = RawClient.open(t, server.address(t)); RawClient served = RawClient.open(t, server.address(t))) {
            refusedPorts.add(refused.local().getPort());

            refused.send(Messages.optionsText(t, Messages.hostPort(refused.local()), ";rport"));
            assertThat(refused.awaitResponse(Duration.ofMillis(500))).isNull();
            assertThat(server.inbox).isEmpty();

            assertThat(served.exchange().statusCode()).isEqualTo(200);
        }
    }

    @ParameterizedTest(name = "over {0} a refused source's malformed request gets no 400")
    @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
    void aRefusedSourceIsNotAnsweredForBadInputEither(Transport t) throws Exception {
        try (RawClient refused = RawClient.open(t, server.address(t))) {
            refusedPorts.add(refused.local().getPort());

            refused.send(TortureAcks.torture("ncl"));

            assertThat(refused.awaitResponse(Duration.ofMillis(500))).isNull();
            assertThat(server.count(TransportMetrics.REJECTED)).isZero();
        }
    }

    @Test
    void aConnectionFromARefusedSourceIsClosedAtOnceAndCounted() throws Exception {
        refuseAll = true;
        try (RawClient refused = RawClient.open(Transport.TCP, server.address(Transport.TCP))) {
            assertThat(refused.closedByPeer(Duration.ofSeconds(2))).isTrue();
        }
        assertThat(server.count(TransportMetrics.REFUSED, "reason", "blocked-source")).isEqualTo(1.0);
    }
}
