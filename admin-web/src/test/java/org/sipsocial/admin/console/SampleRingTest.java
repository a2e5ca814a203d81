package org.sipsocial.admin.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class SampleRingTest {
    private static final Instant T = Instant.parse("2026-12-06T20:00:00Z");

    @Test
    void an_empty_ring_has_no_samples_and_no_latest() {
        SampleRing ring = new SampleRing(3);
        assertThat(ring.since(Instant.MIN)).isEmpty();
        assertThat(ring.latest()).isEmpty();
    }

    @Test
    void a_full_ring_overwrites_its_oldest_sample_and_lists_the_rest_oldest_first() {
        SampleRing ring = new SampleRing(3);
        for (int minute = 0; minute < 5; minute++) {
            ring.add(T.plusSeconds(60L * minute), minute);
        }
        assertThat(ring.since(Instant.MIN)).extracting(SampleRing.Sample::value).containsExactly(2.0, 3.0, 4.0);
        assertThat(ring.latest()).hasValue(new SampleRing.Sample(T.plusSeconds(240), 4));
        assertThat(ring.capacity()).isEqualTo(3);
    }

    @Test
    void since_leaves_out_samples_before_the_given_time() {
        SampleRing ring = new SampleRing(10);
        ring.add(T, 1);
        ring.add(T.plusSeconds(60), 2);
        ring.add(T.plusSeconds(120), 3);
        assertThat(ring.since(T.plusSeconds(60))).extracting(SampleRing.Sample::value).containsExactly(2.0, 3.0);
    }

    @Test
    void a_ring_holds_at_least_one_sample() {
        assertThatThrownBy(() -> new SampleRing(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
