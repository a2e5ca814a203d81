package org.sipsocial.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoredBindingsTest {
    private static final Instant NOW = Instant.parse("2026-12-07T06:00:00Z");

    @TempDir
    Path temp;

    @Test
    void a_refreshed_binding_is_rewritten_in_place_and_the_others_of_the_aor_are_left_alone() {
        SiteHome home = TestSites.create(temp.resolve("smiths"), "theSmiths");
        try (SiteStore store = TestSites.open(home)) {
            StoredBindings bindings = store.bindings();
            StoredBinding desk = binding("alice", "desk", 1, 3600);
            StoredBinding mobile = binding("alice", "mobile", 1, 3600);
            bindings.apply(List.of(), List.of(), List.of(desk, mobile));

            StoredBinding refreshed = new StoredBinding("alice", mobile.contact(), NOW.plusSeconds(7200), "call-mobile", 2,
                    "<sip:edge;lr>", "TCP", "192.168.1.41", 40999);
            bindings.apply(List.of(), List.of(refreshed), List.of());

            assertThat(bindings.loadUnexpired(NOW)).containsExactly(desk, refreshed);
        }
    }

    @Test
    void a_refresh_of_a_binding_the_store_does_not_hold_is_saved_anew_rather_than_lost() {
        SiteHome home = TestSites.create(temp.resolve("smiths"), "theSmiths");
        try (SiteStore store = TestSites.open(home)) {
            StoredBinding neverSaved = binding("bob", "desk", 5, 3600);
            store.bindings().apply(List.of(), List.of(neverSaved), List.of());

            assertThat(store.bindings().loadUnexpired(NOW)).containsExactly(neverSaved);
        }
    }

    @Test
    void gone_refreshed_and_added_bindings_are_written_in_one_save_and_come_back_after_a_restart() {
        SiteHome home = TestSites.create(temp.resolve("smiths"), "theSmiths");
        StoredBinding desk = binding("carol", "desk", 1, 3600);
        StoredBinding mobile = binding("carol", "mobile", 1, 3600);
        StoredBinding tablet = binding("carol", "tablet", 1, 3600);
        StoredBinding mobileLater = binding("carol", "mobile", 2, 5400);
        try (SiteStore store = TestSites.open(home)) {
            store.bindings().apply(List.of(), List.of(), List.of(desk, mobile));
            store.bindings().apply(List.of(desk), List.of(mobileLater), List.of(tablet));
        }
        try (SiteStore store = TestSites.open(home)) {
            assertThat(store.bindings().loadUnexpired(NOW)).containsExactlyInAnyOrder(mobileLater, tablet);
        }
    }

    private static StoredBinding binding(String user, String host, long cseq, long seconds) {
        return new StoredBinding(user, "<sip:" + user + "@" + host + ".example>", NOW.plusSeconds(seconds), "call-" + host, cseq,
                null, "UDP", "192.168.1.40", 5060);
    }
}
