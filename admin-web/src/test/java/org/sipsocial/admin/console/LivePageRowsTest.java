package org.sipsocial.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.sipsocial.store.SiteActivity;

class LivePageRowsTest {
    private static final Instant NOW = Instant.parse("2026-12-06T20:30:00Z");

    @Test
    void phones_are_listed_per_user_with_their_device_and_since_when_and_a_restored_one_says_so() {
        SiteActivity activity = new SiteActivity(NOW, List.of(
                new SiteActivity.Phone("alice", "Linphone/5.2", "TLS", NOW.minus(Duration.ofMinutes(12))),
                new SiteActivity.Phone("alice", "", "UDP", null),
                new SiteActivity.Phone("bob", "SIPp", "UDP", NOW.minusSeconds(5))), List.of(), List.of());
        Pages.LiveNow now = LivePage.now(activity, List.of());
        assertThat(now.phones()).containsExactly(
                new Pages.PhoneRow("alice", "Linphone/5.2", "TLS", "20:18:00 UTC (12 min)"),
                new Pages.PhoneRow("", "(no User-Agent)", "UDP", "before the site last started"),
                new Pages.PhoneRow("bob", "SIPp", "UDP", "20:29:55 UTC (5 s)"));
        assertThat(now.morePhones()).isZero();
    }

    @Test
    void a_call_between_sites_shows_its_media_and_a_call_within_the_site_says_so() {
        SiteActivity activity = new SiteActivity(NOW, List.of(), List.of(
                new SiteActivity.Call("alice@theJoneses", "bob@theSmiths", "theJoneses", NOW.minus(Duration.ofHours(2)),
                        "inside the link", 12, 3),
                new SiteActivity.Call("carol@theSmiths", "bob@theSmiths", "", NOW, "", 0, 0)), List.of());
        assertThat(LivePage.now(activity, List.of()).calls()).containsExactly(
                new Pages.CallRow("alice@theJoneses", "bob@theSmiths", "theJoneses", "18:30:00 UTC (2 h)",
                        "inside the link; 12 lost, 3 late from theJoneses"),
                new Pages.CallRow("carol@theSmiths", "bob@theSmiths", "this site", "20:30:00 UTC (0 s)", "within this site"));
    }

    @Test
    void a_large_site_lists_at_most_max_rows_phones_and_calls_and_says_how_many_more() {
        List<SiteActivity.Phone> phones = new ArrayList<>();
        List<SiteActivity.Call> calls = new ArrayList<>();
        for (int i = 0; i < LivePage.MAX_ROWS + 7; i++) {
            phones.add(new SiteActivity.Phone("user" + i, "SIPp", "UDP", NOW));
            calls.add(new SiteActivity.Call("a" + i + "@theSmiths", "b@theSmiths", "", NOW, "", 0, 0));
        }
        Pages.LiveNow now = LivePage.now(new SiteActivity(NOW, phones, calls, List.of()), List.of());
        assertThat(now.phones()).hasSize(LivePage.MAX_ROWS);
        assertThat(now.morePhones()).isEqualTo(7);
        assertThat(now.calls()).hasSize(LivePage.MAX_ROWS);
        assertThat(now.moreCalls()).isEqualTo(7);
    }
}
