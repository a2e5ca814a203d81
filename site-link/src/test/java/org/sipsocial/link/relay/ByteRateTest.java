package org.sipsocial.link.relay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteRateTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void oneSecondsWorthPassesAtOnceWithoutAPause() {
        ByteRate rate = new ByteRate(10_000, 0);
        assertThat(rate.take(6_000, 0)).isZero();
        assertThat(rate.take(4_000, 0)).isZero();
    }

    @Test
    void bytesOverTheRatePauseReadingForAsLongAsTheyTakeToPayFor() {
        ByteRate rate = new ByteRate(10_000, 0);
        rate.take(10_000, 0);
        assertThat(rate.take(5_000, 0)).isEqualTo(SECOND / 2);
    }

    @Test
    void theBucketRefillsAtTheRateAndHoldsNoMoreThanOneSecond() {
        ByteRate rate = new ByteRate(10_000, 0);
        rate.take(10_000, 0);
        assertThat(rate.take(2_500, SECOND / 4)).isZero();
        assertThat(rate.take(10_000, 10 * SECOND)).isZero();
        assertThat(rate.take(1_000, 10 * SECOND)).isEqualTo(SECOND / 10);
    }
}
