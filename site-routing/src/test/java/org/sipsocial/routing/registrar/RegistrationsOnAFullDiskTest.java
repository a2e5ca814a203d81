package org.sipsocial.routing.registrar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
import org.sipsocial.store.UserName;

/**
 * Issue 16: the site's database on a full disk. Its folder is a 2 MB tmpfs (mounted for the test, so it runs as
 * root, as the namespace tests do) that a filler file fills up: saving registrations and adding a user fail with an
 * error that says so, the registrations stay in memory and pending, and once space is freed they are saved; the
 * store then opens cleanly with everything. (A bind mount cannot be made read-only under a process writing to it,
 * so a home turned read-only is not tested; H2 fails its writes and closes the database the same way.)
 */
class RegistrationsOnAFullDiskTest {
    private static final String PASSPHRASE = "correct horse battery";

    @TempDir
    Path temp;

    @Test
    void a_full_disk_fails_saves_clearly_keeps_registrations_pending_and_corrupts_nothing() throws Exception {
        SiteHome home = new SiteHome(temp.resolve("smiths"));
        new SiteSetup(Clock.systemUTC(), new SecureRandom(), Argon2idCost.FOR_TESTS)
                .create(home, SiteSettings.withDefaults(SiteName.of("theSmiths")), Passphrase.of(PASSPHRASE.toCharArray()));
        Path db = home.databaseDirectory();
        Path original = Files.move(db, temp.resolve("db-original"));
        Files.createDirectories(db);
        command("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", db.toString());
        Instant now = Instant.now();
        try {
            try (var files = Files.list(original)) {
                for (Path file : files.toList()) Files.copy(file, db.resolve(file.getFileName()));
            }
            try (SiteStore store = open(home)) {
                store.users().add(UserName.of("alice"), "alice-password-1".toCharArray());
                BindingPersister persister = new BindingPersister(store.bindings());
                LocationService location = new LocationService(persister::changed);
                persister.bind(location);
                location.update("alice", now, bindings -> List.of(phone("desk", now)));
                persister.flush();

                fill(db.resolve("filler"));
                assertThatThrownBy(() -> {
                    // Changes until a save meets the full disk (the database's last pages may take a few).
                    for (int i = 0; i < 200; i++) {
                        String mobile = "mobile-" + i;
                        location.update("alice", now, bindings -> List.of(phone("desk", now), phone(mobile, now)));
                        persister.flush();
                    }
                }).isInstanceOf(StoreException.class).hasMessageContaining("cannot save registrations");
                assertThat(persister.unsaved()).as("the refused changes stay pending").isEqualTo(1);
                assertThat(location.lookup("alice", now)).as("and in memory").hasSize(2);
                assertThatThrownBy(() -> {
                    for (int i = 0; i < 200; i++) store.users().add(UserName.of("user" + i), "password-long".toCharArray());
                }).isInstanceOf(StoreException.class);

                Files.delete(db.resolve("filler"));
                assertThat(saveUntilDone(persister)).as("saved once space is free").isEmpty();
            }
            try (SiteStore reopened = open(home)) {
                assertThat(reopened.users().credentials(UserName.of("alice"))).isPresent();
                assertThat(reopened.bindings().loadUnexpired(now)).extracting(StoredBinding::contact).hasSize(2)
                        .contains("<sip:alice@desk.example>");
            }
        } finally {
            command("umount", "-l", db.toString());
        }
    }

    /** Saves as the site's saver does, every 250 ms, for at most 5 s; returns the last failure if one remains. */
    private static java.util.Optional<StoreException> saveUntilDone(BindingPersister persister) throws InterruptedException {
        StoreException last = null;
        for (int i = 0; i < 20 && persister.unsaved() > 0; i++) {
            try {
                persister.flush();
                last = null;
            } catch (StoreException e) {
                last = e;
                Thread.sleep(250);
            }
        }
        return persister.unsaved() == 0 ? java.util.Optional.empty() : java.util.Optional.ofNullable(last);
    }

    private static SiteStore open(SiteHome home) {
        return SiteStore.open(home, Passphrase.of(PASSPHRASE.toCharArray()), Clock.systemUTC());
    }

    private static Binding phone(String host, Instant now) {
        return new Binding(NameAddress.parse("<sip:alice@" + host + ".example>"), now.plusSeconds(3600), "call-" + host, 1,
                List.of(), new Flow("UDP", new InetSocketAddress("192.168.1.50", 5060)));
    }

    /** Writes zeros into {@code file} until the file system is full. */
    private static void fill(Path file) throws IOException {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) out.write(block);
        } catch (IOException full) {
            assertThat(full.getMessage()).containsIgnoringCase("space");
        }
    }

    private static void command(String... args) throws Exception {
        Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", args) + " failed (needs root): " + out);
        }
    }
}
