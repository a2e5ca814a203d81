package org.sipsocial.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class PingRoundTripTest {
    private static final Instant T = Instant.parse("2026-12-06T20:00:00Z");
    private final PingRoundTrip roundTrip = new PingRoundTrip();

    @Test
    void a_pong_measures_the_time_since_its_ping() {
        roundTrip.sent(T);
        assertThat(roundTrip.answered(T.plusMillis(42))).hasValue(Duration.ofMillis(42));
    }

    @Test
    void a_pong_without_a_ping_out_measures_nothing_and_neither_does_a_second_pong() {
        assertThat(roundTrip.answered(T)).isEmpty();
        roundTrip.sent(T);
        assertThat(roundTrip.answered(T.plusMillis(5))).isPresent();
        assertThat(roundTrip.answered(T.plusMillis(9))).isEmpty();
    }

    @Test
    void the_latest_ping_counts_and_a_clock_that_went_back_measures_nothing() {
        roundTrip.sent(T);
        roundTrip.sent(T.plusSeconds(25));
        assertThat(roundTrip.answered(T.plusSeconds(25).plusMillis(3))).hasValue(Duration.ofMillis(3));
        roundTrip.sent(T);
        assertThat(roundTrip.answered(T.minusMillis(1))).isEmpty();
    }
}
