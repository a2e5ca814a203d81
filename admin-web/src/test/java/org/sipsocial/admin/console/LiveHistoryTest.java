package org.sipsocial.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.sipsocial.store.SiteActivity;

class LiveHistoryTest {
    private static final Instant T = Instant.parse("2026-12-06T20:00:00Z");
    private final LiveHistory history = new LiveHistory();

    private static SiteActivity activity(Instant at, int phones, int calls, SiteActivity.LinkRoundTrip... links) {
        List<SiteActivity.Phone> registered = new ArrayList<>();
        for (int i = 0; i < phones; i++) {
            registered.add(new SiteActivity.Phone("user" + i, "", "UDP", at));
        }
        List<SiteActivity.Call> inProgress = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            inProgress.add(new SiteActivity.Call("a@x", "b@x", "", at, "", 0, 0));
        }
        return new SiteActivity(at, registered, inProgress, List.of(links));
    }

    private static SiteActivity.LinkRoundTrip rtt(String site, long millis) {
        return new SiteActivity.LinkRoundTrip(site, Duration.ofMillis(millis));
    }

    @Test
    void an_hour_of_samples_a_minute_apart_is_kept_and_the_charts_end_with_what_is_live_now() {
        for (int minute = 0; minute <= 90; minute++) {
            history.record(activity(T.plus(Duration.ofMinutes(minute)), minute, 1, rtt("theJoneses", 20)));
        }
        List<Pages.Chart> charts = history.charts(activity(T.plus(Duration.ofMinutes(90)).plusSeconds(30), 7, 0,
                rtt("theJoneses", 40)));
        assertThat(charts).extracting(Pages.Chart::id).containsExactly("chart-phones", "chart-calls", "chart-rtt-thejoneses");
        // the samples of minutes 31 to 90 (the hour before now), then now
        assertThat(charts.get(0).points().split(" ")).hasSize(60 + 1);
        assertThat(charts.get(0).caption()).isEqualTo("now 7, peak 90");
        assertThat(charts.get(1).caption()).isEqualTo("now 0, peak 1");
        assertThat(charts.get(2).title()).isEqualTo("Round trip to theJoneses");
        assertThat(charts.get(2).caption()).isEqualTo("now 40 ms, peak 40 ms");
    }

    @Test
    void a_link_unheard_of_for_an_hour_is_dropped_and_a_new_one_shows_at_once() {
        history.record(activity(T, 0, 0, rtt("theJoneses", 20)));
        history.record(activity(T.plus(Duration.ofMinutes(61)), 0, 0));
        List<Pages.Chart> charts = history.charts(activity(T.plus(Duration.ofMinutes(61)), 0, 0, rtt("theBrowns", 5)));
        assertThat(charts).extracting(Pages.Chart::title)
                .containsExactly("Registered phones", "Calls in progress", "Round trip to theBrowns");
    }

    @Test
    void the_number_of_links_kept_is_bounded() {
        SiteActivity.LinkRoundTrip[] many = new SiteActivity.LinkRoundTrip[LiveHistory.MAX_LINKS + 10];
        for (int i = 0; i < many.length; i++) {
            many[i] = rtt("site" + i, i);
        }
        history.record(activity(T, 0, 0, many));
        assertThat(history.charts(activity(T, 0, 0))).hasSize(2 + LiveHistory.MAX_LINKS);
    }
}
