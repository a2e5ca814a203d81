package org.sipsocial.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class SvgChartTest {
    private static final Instant END = Instant.parse("2026-12-06T21:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);

    private static SampleRing.Sample at(int minutesBeforeEnd, double value) {
        return new SampleRing.Sample(END.minus(Duration.ofMinutes(minutesBeforeEnd)), value);
    }

    @Test
    void time_runs_left_to_right_over_the_window_and_the_peak_sits_just_below_the_top() {
        Pages.Chart chart = SvgChart.draw("c", "Calls", "", List.of(at(60, 0), at(30, 4), at(0, 2)), END, HOUR);
        // x: 0, 120, 240 of 240; y: the bottom (60) for 0, the top margin (4) for the peak 4, half way for 2
        assertThat(chart.points()).isEqualTo("0.0,60.0 120.0,4.0 240.0,32.0");
        assertThat(chart.caption()).isEqualTo("now 2, peak 4");
        assertThat(chart.width()).isEqualTo(SvgChart.WIDTH);
        assertThat(chart.height()).isEqualTo(SvgChart.HEIGHT);
    }

    @Test
    void all_zero_values_lie_on_the_bottom_line() {
        Pages.Chart chart = SvgChart.draw("c", "Calls", "", List.of(at(10, 0), at(0, 0)), END, HOUR);
        assertThat(chart.points()).isEqualTo("200.0,60.0 240.0,60.0");
    }

    @Test
    void one_sample_draws_a_short_level_line_ending_at_it_and_none_draws_nothing() {
        assertThat(SvgChart.draw("c", "RTT", " ms", List.of(at(0, 12.5)), END, HOUR).points())
                .isEqualTo("236.0,4.0 240.0,4.0");
        Pages.Chart empty = SvgChart.draw("c", "RTT", " ms", List.of(), END, HOUR);
        assertThat(empty.points()).isEmpty();
        assertThat(empty.caption()).isEqualTo("no data yet");
    }

    @Test
    void samples_older_than_the_window_are_held_at_its_left_edge_and_captions_carry_the_unit() {
        Pages.Chart chart = SvgChart.draw("c", "RTT", " ms", List.of(at(90, 3), at(0, 1.25)), END, HOUR);
        assertThat(chart.points()).startsWith("0.0,");
        assertThat(chart.caption()).isEqualTo("now 1.3 ms, peak 3 ms");
    }
}
