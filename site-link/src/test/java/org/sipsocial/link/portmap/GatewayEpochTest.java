package org.sipsocial.link.portmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.sipsocial.testkit.ManualClock;

/** The router's epoch checked as RFC 6887 §8.5 (PCP) and RFC 6886 §3.6 (NAT-PMP) say, with time moved by hand. */
class GatewayEpochTest {
    private final ManualClock clock = ManualClock.at("2026-12-06T18:40:00Z");
    private final GatewayEpoch epoch = new GatewayEpoch(clock);

    @Test
    void theFirstResponseIsValidWhateverItsEpoch() {
        assertThat(epoch.valid(Dialect.PCP, 0)).isTrue();
        assertThat(epoch.valid(Dialect.NAT_PMP, 5)).isTrue();
    }

    @Test
    void aPcpEpochThatRanOnWithThisMachinesClockIsValid() {
        epoch.valid(Dialect.PCP, 1000);
        clock.advance(Duration.ofSeconds(3600));
        assertThat(epoch.valid(Dialect.PCP, 4600)).isTrue();
    }

    @Test
    void aPcpEpochBackByOneSecondIsReorderingButBackByTwoIsARestart() {
        epoch.valid(Dialect.PCP, 1000);
        assertThat(epoch.valid(Dialect.PCP, 999)).isTrue();
        assertThat(epoch.valid(Dialect.PCP, 997)).isFalse();
    }

    @Test
    void aPcpEpochThatCountedFarFewerSecondsThanThisMachineShowsLostState() {
        epoch.valid(Dialect.PCP, 1000);
        clock.advance(Duration.ofSeconds(600));
        assertThat(epoch.valid(Dialect.PCP, 1000 + 600 - 600 / 16 - 3)).as("600 s here, fewer than 600 - 600/16 - 2 there")
                .isFalse();
    }

    @Test
    void aPcpEpochWithinTheSixteenthAndTwoSecondsOfThisMachinesClockIsValid() {
        epoch.valid(Dialect.PCP, 1000);
        clock.advance(Duration.ofSeconds(600));
        assertThat(epoch.valid(Dialect.PCP, 1000 + 600 - 600 / 16 - 2)).isTrue();
    }

    @Test
    void aPcpEpochThatJumpedFarAheadOfThisMachinesClockIsInvalidToo() {
        epoch.valid(Dialect.PCP, 1000);
        clock.advance(Duration.ofSeconds(10));
        assertThat(epoch.valid(Dialect.PCP, 2000)).isFalse();
    }

    @Test
    void aNatPmpEpochLessThanSevenEighthsOfTheElapsedTimeByMoreThanTwoSecondsShowsARestart() {
        epoch.valid(Dialect.NAT_PMP, 1000);
        clock.advance(Duration.ofSeconds(800));
        assertThat(epoch.valid(Dialect.NAT_PMP, 1000 + 700 - 2)).as("estimate 1700, 2 s short").isTrue();
        clock.advance(Duration.ofSeconds(800));
        assertThat(epoch.valid(Dialect.NAT_PMP, 1698 + 700 - 3)).as("estimate 2398, 3 s short").isFalse();
    }

    @Test
    void aNatPmpEpochAheadOfTheEstimateIsValid() {
        epoch.valid(Dialect.NAT_PMP, 1000);
        clock.advance(Duration.ofSeconds(10));
        assertThat(epoch.valid(Dialect.NAT_PMP, 5000)).isTrue();
    }

    @Test
    void eachProtocolIsComparedOnlyWithItsOwnPreviousEpoch() {
        epoch.valid(Dialect.PCP, 1000);
        assertThat(epoch.valid(Dialect.NAT_PMP, 3)).as("NAT-PMP's first").isTrue();
        assertThat(epoch.valid(Dialect.PCP, 1000)).isTrue();
    }
}
