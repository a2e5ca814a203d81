package org.sipsocial.routing.registrar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipsocial.identity.SiteName;
import org.sipsocial.sip.message.header.NameAddress;
import org.sipsocial.store.Argon2idCost;
import org.sipsocial.store.Passphrase;
import org.sipsocial.store.SiteHome;
import org.sipsocial.store.SiteSettings;
import org.sipsocial.store.SiteSetup;
import org.sipsocial.store.SiteStore;
import org.sipsocial.store.StoreException;
import org.sipsocial.store.StoredBinding;

class BindingPersisterTest {
    @TempDir
    Path temp;

    private SiteStore openStore(SiteHome home) {
        return SiteStore.open(home, Passphrase.of("correct horse battery".toCharArray()), Clock.systemUTC());
    }

    @Test
    void saved_registrations_come_back_after_a_restart_until_they_expire() {
        SiteHome home = new SiteHome(temp.resolve("smiths"));
        new SiteSetup(Clock.systemUTC(), new SecureRandom(), Argon2idCost.FOR_TESTS)
                .create(home, SiteSettings.withDefaults(SiteName.of("theSmiths")), Passphrase.of("correct horse battery".toCharArray()));
        Instant now = Instant.parse("2026-11-30T12:00:00Z");
        Binding longLived = new Binding(NameAddress.parse("<sip:alice@192.168.1.20:5060>;q=0.7"), now.plusSeconds(3600), "call-1", 7,
                List.of(NameAddress.parse("<sip:edge;lr>")), new Flow("TCP", new InetSocketAddress("192.168.1.20", 40123)));
        Binding shortLived = new Binding(NameAddress.parse("<sip:alice@192.168.1.21>"), now.plusSeconds(60), "call-2", 1,
                List.of(), new Flow("UDP", new InetSocketAddress("192.168.1.21", 5060)));
        try (SiteStore store = openStore(home)) {
            BindingPersister persister = new BindingPersister(store.bindings());
            LocationService location = new LocationService(persister::changed);
            persister.bind(location);
            location.update("alice", now, bindings -> List.of(longLived, shortLived));
            persister.flush();
        }
        try (SiteStore store = openStore(home)) {
            LocationService restored = new LocationService(key -> { });
            int count = new BindingPersister(store.bindings()).restore(restored, now.plus(Duration.ofMinutes(5)));
            assertThat(count).isEqualTo(1);
            assertThat(restored.lookup("alice", now.plus(Duration.ofMinutes(5)))).containsExactly(longLived);
        }
    }

    @Test
    void a_removed_registration_is_removed_from_the_store_too() {
        SiteHome home = new SiteHome(temp.resolve("smiths"));
        new SiteSetup(Clock.systemUTC(), new SecureRandom(), Argon2idCost.FOR_TESTS)
                .create(home, SiteSettings.withDefaults(SiteName.of("theSmiths")), Passphrase.of("correct horse battery".toCharArray()));
        Instant now = Instant.now();
        Binding binding = new Binding(NameAddress.parse("<sip:bob@192.168.1.30>"), now.plusSeconds(3600), "c", 1, List.of(),
                new Flow("UDP", new InetSocketAddress("192.168.1.30", 5060)));
        try (SiteStore store = openStore(home)) {
            BindingPersister persister = new BindingPersister(store.bindings());
            LocationService location = new LocationService(persister::changed);
            persister.bind(location);
            location.update("bob", now, bindings -> List.of(binding));
            persister.flush();
            location.update("bob", now, bindings -> List.of());
            persister.flush();
            assertThat(store.bindings().loadUnexpired(now)).isEmpty();
        }
    }

    @Test
    void only_what_changed_is_written_and_the_store_then_holds_exactly_the_registrar_s_bindings() {
        SiteHome home = new SiteHome(temp.resolve("smiths"));
        new SiteSetup(Clock.systemUTC(), new SecureRandom(), Argon2idCost.FOR_TESTS)
                .create(home, SiteSettings.withDefaults(SiteName.of("theSmiths")), Passphrase.of("correct horse battery".toCharArray()));
        Instant now = Instant.now();
        Binding desk = phone("desk", now, 1);
        Binding mobile = phone("mobile", now, 1);
        Binding tablet = phone("tablet", now, 1);
        try (SiteStore store = openStore(home)) {
            BindingPersister persister = new BindingPersister(store.bindings());
            LocationService location = new LocationService(persister::changed);
            persister.bind(location);
            location.update("carol", now, bindings -> List.of(desk, mobile, tablet));
            persister.flush();
            Binding refreshed = phone("mobile", now.plusSeconds(30), 2);
            location.update("carol", now, bindings -> List.of(desk, refreshed));
            persister.flush();
            assertThat(persister.unsaved()).isZero();
            assertThat(store.bindings().loadUnexpired(now)).extracting(b -> b.contact() + " " + b.cseq())
                    .containsExactlyInAnyOrder("<sip:carol@desk.example>" + " 1", "<sip:carol@mobile.example>" + " 2");
        }
        try (SiteStore store = openStore(home)) {
            BindingPersister persister = new BindingPersister(store.bindings());
            LocationService location = new LocationService(persister::changed);
            persister.bind(location);
            persister.restore(location, now);
            location.update("carol", now, bindings -> List.of(bindings.get(0)));
            persister.flush();
            assertThat(store.bindings().loadUnexpired(now)).extracting(StoredBinding::contact).hasSize(1);
        }
    }

    @Test
    void changes_the_store_refuses_stay_pending_and_nothing_leaves_memory() {
        SiteHome home = new SiteHome(temp.resolve("smiths"));
        new SiteSetup(Clock.systemUTC(), new SecureRandom(), Argon2idCost.FOR_TESTS)
                .create(home, SiteSettings.withDefaults(SiteName.of("theSmiths")), Passphrase.of("correct horse battery".toCharArray()));
        Instant now = Instant.now();
        SiteStore store = openStore(home);
        BindingPersister persister = new BindingPersister(store.bindings());
        LocationService location = new LocationService(persister::changed);
        persister.bind(location);
        location.update("dave", now, bindings -> List.of(phone("desk", now, 1)));
        store.close(); // the store can take nothing now, as with a full disk
        assertThatThrownBy(persister::flush).isInstanceOf(StoreException.class);
        assertThat(persister.unsaved()).isEqualTo(1);
        assertThat(location.lookup("dave", now)).hasSize(1);
    }

    private static Binding phone(String host, Instant now, long cseq) {
        return new Binding(NameAddress.parse("<sip:carol@" + host + ".example>"), now.plusSeconds(3600), "call-" + host, cseq,
                List.of(), new Flow("UDP", new InetSocketAddress("192.168.1.40", 5060)));
    }
}
