package org.sipsocial.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Loss and lateness of an RTP stream from its sequence numbers (RFC 3550 Appendix A.3). */
class ReceptionStatsTest {
    private final ReceptionStats stats = new ReceptionStats();

    @Test
    void a_gap_counts_as_lost_when_it_shows_and_a_packet_that_fills_it_late_counts_as_late() {
        assertThat(stats.received(7, 100)).isZero();
        assertThat(stats.received(7, 101)).isZero();
        assertThat(stats.received(7, 104)).as("102 and 103 missing").isEqualTo(2);
        assertThat(stats.lost()).isEqualTo(2);
        assertThat(stats.received(7, 102)).as("late").isEqualTo(-1);
        assertThat(stats.lost()).isEqualTo(1);
        assertThat(stats.late()).isEqualTo(1);
    }

    @Test
    void sequence_numbers_that_wrap_around_lose_nothing() {
        for (int i = 0; i < 10; i++) {
            stats.received(7, (65530 + i) & 0xFFFF);
        }
        assertThat(stats.lost()).isZero();
        assertThat(stats.late()).isZero();
        assertThat(stats.received(7, 5)).as("4 missing after the wrap").isEqualTo(1);
    }

    @Test
    void a_new_source_or_a_jump_beyond_max_dropout_starts_again_and_keeps_what_was_lost() {
        stats.received(7, 10);
        stats.received(7, 12);
        stats.received(8, 5000);
        stats.received(8, 5001);
        assertThat(stats.lost()).isEqualTo(1);
        assertThat(stats.received(8, 5001 + ReceptionStats.MAX_DROPOUT + 1)).isZero();
        assertThat(stats.lost()).isEqualTo(1);
    }

    @Test
    void a_duplicate_is_late_and_does_not_make_up_for_a_loss() {
        stats.received(7, 1);
        stats.received(7, 3);
        stats.received(7, 3);
        assertThat(stats.late()).isEqualTo(1);
        assertThat(stats.lost()).as("RFC 3550: duplicates may make the count negative; it stops at zero").isZero();
    }
}
