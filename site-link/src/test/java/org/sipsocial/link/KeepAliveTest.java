package org.sipsocial.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class KeepAliveTest {
    @Test
    void aPeerThatStopsAnsweringKeepAlivesIsDetectedReportedAndRetried() throws Exception {
        try (TestSite smiths = TestSite.start("theSmiths")) {
            var identity = Certificates.site("theJoneses");
            try (SilentPeer silent = new SilentPeer(identity, new PinnedSiteList().add(smiths.asRemote()))) {
                smiths.list.add(new RemoteSite(identity.site(), "127.0.0.1", silent.port(), identity.certificate()));
                smiths.links().connect(identity.site());
                await(smiths, "connected since ");
                Instant up = Instant.now();
                await(smiths, "lost: theJoneses stopped answering keep-alives; trying again");
                // one keep-alive interval (200 ms) and one pong timeout (300 ms)
                assertThat(Duration.between(up, Instant.now())).isLessThan(Duration.ofSeconds(3));
                assertThat(smiths.links().status(identity.site()).orElseThrow().state()).isEqualTo(LinkState.FAILED);
                // the silent peer accepts no second link: the retries fail and are reported
                await(smiths, "refused: nothing listens on 127.0.0.1:" + silent.port(),
                        "timeout: no answer from 127.0.0.1:" + silent.port()
                                + " (if it is behind a NAT, ask its administrator to connect now)");
            }
        }
    }

    @Test
    void theAnsweringSideClosesALinkWhoseDiallerFallsSilentAndReportsIt() throws Exception {
        try (TestSite smiths = TestSite.start("theSmiths")) {
            var identity = Certificates.site("theJoneses");
            int nowhere;
            try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
                nowhere = probe.getLocalPort();
            }
            smiths.list.add(new RemoteSite(identity.site(), "127.0.0.1", nowhere, identity.certificate()));
            smiths.links().connect(identity.site());
            try (SilentDialler joneses = new SilentDialler(identity, smiths.asRemote())) {
                await(smiths, "connected since ");
                // one keep-alive interval (200 ms) and one pong timeout (300 ms) of silence
                await(smiths, "lost: theJoneses stopped answering keep-alives",
                        "refused: nothing listens on 127.0.0.1:" + nowhere);
                org.awaitility.Awaitility.await().atMost(TestSite.WAIT).until(joneses::isClosedByPeer);
            }
        }
    }

    @Test
    void aLinkThatBothSidesKeepAnsweringStaysUpAcrossManyKeepAliveIntervals() throws Exception {
        try (TestSite smiths = TestSite.start("theSmiths"); TestSite joneses = TestSite.start("theJoneses")) {
            smiths.pin(joneses);
            joneses.pin(smiths);
            smiths.connect(joneses);
            joneses.connect(smiths);
            smiths.awaitConnected(joneses);
            joneses.awaitConnected(smiths);
            LinkStatus before = smiths.links().status(joneses.name()).orElseThrow();
            Thread.sleep(1_500); // seven keep-alive intervals of 200 ms, longer than the answerer's silence limit
            assertThat(smiths.links().status(joneses.name()).orElseThrow().since()).isEqualTo(before.since());
            assertThat(joneses.line(smiths)).startsWith("connected since ");
        }
    }

    @Test
    void theDiallersRoundTripIsTimedFromEachPingToItsPongOnTheLinksClock() {
        // A clock that moves 25 ms at each reading: between a ping and its pong it is read twice, so a round trip
        // timed on it is exactly 25 ms, which no probe timed on the system's nanosecond timer gives.
        Duration step = Duration.ofMillis(25);
        Clock stepping = new Clock() {
            private final java.util.concurrent.atomic.AtomicLong readings = new java.util.concurrent.atomic.AtomicLong();
            private final Instant start = Instant.now();

            @Override
            public Instant instant() {
                return start.plus(step.multipliedBy(readings.getAndIncrement()));
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException();
            }
        };
        try (TestSite smiths = TestSite.start("theSmiths", stepping); TestSite joneses = TestSite.start("theJoneses")) {
            smiths.pin(joneses);
            joneses.pin(smiths);
            smiths.connect(joneses);
            smiths.awaitConnected(joneses);
            org.awaitility.Awaitility.await().atMost(TestSite.WAIT).untilAsserted(() ->
                    assertThat(smiths.links().status(joneses.name()).orElseThrow().roundTrip()).isEqualTo(step));
            assertThat(smiths.line(joneses)).contains("round trip 25 ms");
        }
    }

    private static void await(TestSite site, String... anyPrefix) {
        org.awaitility.Awaitility.await().atMost(TestSite.WAIT).untilAsserted(() -> {
            String line = site.links().status(org.sipsocial.identity.SiteName.of("theJoneses"))
                    .map(LinkStatus::line).orElse("");
            assertThat(anyPrefix).anyMatch(line::startsWith);
        });
    }
}
