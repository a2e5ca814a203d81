package org.sipsocial.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipsocial.identity.Fingerprint;
import org.sipsocial.identity.SelfSignedCertificateIssuer;
import org.sipsocial.identity.SiteName;

/** {@link SiteBackup}: a consistent, still-encrypted copy of a home, and its careful restore. */
class SiteBackupTest {
    private static final SelfSignedCertificateIssuer ISSUER = new SelfSignedCertificateIssuer(Clock.systemUTC(), new SecureRandom());

    @TempDir
    Path temp;

    private SiteHome siteWithUsersAndAConnection() {
        SiteHome home = TestSites.create(temp.resolve("smiths"), "theSmiths");
        try (SiteStore store = TestSites.open(home)) {
            StoreAdministration administration = new StoreAdministration(store, new SecureRandom());
            administration.addUser(UserName.of("alice"), Optional.of("alice-password-1".toCharArray()));
            administration.addUser(UserName.of("bob"), Optional.of("bob-password-22".toCharArray()), false);
            X509Certificate joneses = ISSUER.issue(SiteName.of("theJoneses")).certificate();
            administration.addSite(SiteName.of("theJoneses"), SiteAddress.parse("203.0.113.7"), joneses, Fingerprint.of(joneses));
        }
        return home;
    }

    @Test
    void a_backup_of_an_open_store_restores_to_a_site_with_the_same_users_certificate_and_network_connection_list()
            throws Exception {
        SiteHome home = siteWithUsersAndAConnection();
        Path backup = temp.resolve("smiths.backup");
        try (SiteStore store = TestSites.open(home); OutputStream out = Files.newOutputStream(backup)) {
            SiteBackup.write(store, out);
        }
        SiteHome restored = new SiteHome(temp.resolve("restored"));
        assertThat(SiteBackup.restore(backup, restored, false)).isNull();

        try (SiteStore original = TestSites.open(home); SiteStore copy = TestSites.open(restored)) {
            assertThat(copy.users().list()).isEqualTo(original.users().list());
            assertThat(copy.users().credentials(UserName.of("alice"))).isEqualTo(original.users().credentials(UserName.of("alice")));
            assertThat(copy.identity().certificate()).isEqualTo(original.identity().certificate());
            assertThat(copy.remoteSites().list()).isEqualTo(original.remoteSites().list());
        }
        assertThat(Files.readString(restored.remoteCertificatesDirectory().resolve("thejoneses.pem")))
                .isEqualTo(Files.readString(home.remoteCertificatesDirectory().resolve("thejoneses.pem")));
    }

    @Test
    void a_backup_is_still_encrypted_and_needs_the_passphrase() throws Exception {
        SiteHome home = siteWithUsersAndAConnection();
        Path backup = temp.resolve("smiths.backup");
        try (OutputStream out = Files.newOutputStream(backup)) {
            SiteBackup.writeStopped(home, Clock.systemUTC(), out);
        }
        byte[] bytes = Files.readAllBytes(backup);
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain("alice-password-1").doesNotContain("site_user");
        SiteHome restored = new SiteHome(temp.resolve("restored"));
        SiteBackup.restore(backup, restored, false);
        assertThat(Files.readAllBytes(restored.root().resolve("db/site.mv.db"))).startsWith("H2encrypt".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> SiteStore.open(restored, Passphrase.of("not the passphrase".toCharArray()), Clock.systemUTC()))
                .isInstanceOf(StoreException.class).extracting(e -> ((StoreException) e).reason()).isEqualTo(StoreFailure.WRONG_PASSPHRASE);
        try (SiteStore copy = TestSites.open(restored)) {
            assertThat(copy.users().list()).extracting(u -> u.name().toString()).containsExactly("alice", "bob");
        }
    }

    @Test
    void a_backup_taken_while_users_are_added_holds_a_consistent_prefix_of_them() throws Exception {
        SiteHome home = TestSites.create(temp.resolve("smiths"), "theSmiths");
        Path backup = temp.resolve("smiths.backup");
        AtomicInteger added = new AtomicInteger();
        int before;
        try (SiteStore store = TestSites.open(home)) {
            AtomicBoolean writing = new AtomicBoolean(true);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                while (writing.get()) {
                    int n = added.get();
                    store.users().add(UserName.of("user" + n), ("password-" + n).toCharArray());
                    added.incrementAndGet();
                }
            });
            while (added.get() < 50) Thread.sleep(5);
            before = added.get();
            try (OutputStream out = Files.newOutputStream(backup)) {
                SiteBackup.write(store, out);
            }
            writing.set(false);
            writer.join();
        }
        SiteHome restored = new SiteHome(temp.resolve("restored"));
        SiteBackup.restore(backup, restored, false);
        try (SiteStore copy = TestSites.open(restored)) {
            List<User> users = copy.users().list();
            assertThat(users.size()).isBetween(before, added.get());
            for (int i = 0; i < users.size(); i++) {
                assertThat(copy.users().credentials(UserName.of("user" + i))).as("user%d, added before user%d", i, users.size() - 1)
                        .contains(DigestCredentials.of(UserName.of("user" + i), "theSmiths", ("password-" + i).toCharArray()));
            }
        }
    }

    @Test
    void a_restore_refuses_a_home_that_holds_a_site_unless_told_and_then_moves_it_aside() throws Exception {
        SiteHome home = siteWithUsersAndAConnection();
        Path backup = temp.resolve("smiths.backup");
        try (OutputStream out = Files.newOutputStream(backup)) {
            SiteBackup.writeStopped(home, Clock.systemUTC(), out);
        }
        SiteHome other = TestSites.create(temp.resolve("other"), "theBrowns");
        assertThatThrownBy(() -> SiteBackup.restore(backup, other, false)).isInstanceOf(StoreException.class)
                .hasMessageContaining("already holds a site").extracting(e -> ((StoreException) e).reason())
                .isEqualTo(StoreFailure.SITE_HOME_EXISTS);
        try (SiteStore running = TestSites.open(other)) {
            assertThatThrownBy(() -> SiteBackup.restore(backup, other, true)).isInstanceOf(StoreException.class)
                    .extracting(e -> ((StoreException) e).reason()).isEqualTo(StoreFailure.STORE_IN_USE);
        }
        Path empty = Files.createDirectories(temp.resolve("empty"));
        assertThat(SiteBackup.restore(backup, new SiteHome(empty), false)).isNull();
        assertThat(new SiteHome(empty).holdsSite()).isTrue();
        Path notes = Files.createDirectories(temp.resolve("notes"));
        Files.writeString(notes.resolve("todo.txt"), "buy milk");
        assertThatThrownBy(() -> SiteBackup.restore(backup, new SiteHome(notes), true)).isInstanceOf(StoreException.class)
                .hasMessageContaining("is not empty and holds no site");
        assertThat(notes.resolve("todo.txt")).exists();
        Path aside = SiteBackup.restore(backup, other, true);
        assertThat(SiteSettings.read(other.settingsFile()).site().toString()).isEqualTo("theSmiths");
        assertThat(SiteSettings.read(new SiteHome(aside).settingsFile()).site().toString()).isEqualTo("theBrowns");
    }

    @Test
    void a_foreign_file_and_a_damaged_backup_are_refused_with_their_reasons_and_leave_nothing_behind() throws Exception {
        Path foreign = Files.writeString(temp.resolve("notes.txt"), "not a backup at all\n");
        Path zipOfSomethingElse = temp.resolve("photos.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(zipOfSomethingElse))) {
            zip.putNextEntry(new ZipEntry("photo.jpg"));
            zip.write(new byte[] {1, 2, 3});
        }
        SiteHome home = siteWithUsersAndAConnection();
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        SiteBackup.writeStopped(home, Clock.systemUTC(), whole);
        Path truncated = Files.write(temp.resolve("truncated.backup"), java.util.Arrays.copyOf(whole.toByteArray(), whole.size() / 2));
        SiteHome target = new SiteHome(temp.resolve("target"));

        for (Path file : List.of(foreign, zipOfSomethingElse)) {
            assertThatThrownBy(() -> SiteBackup.restore(file, target, false)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("is not a SIPsocial backup").extracting(e -> ((StoreException) e).reason())
                    .isEqualTo(StoreFailure.NOT_A_BACKUP);
        }
        assertThatThrownBy(() -> SiteBackup.restore(truncated, target, false)).isInstanceOf(StoreException.class)
                .hasMessageContaining("is damaged").extracting(e -> ((StoreException) e).reason())
                .isEqualTo(StoreFailure.BACKUP_DAMAGED);
        assertThat(target.root()).doesNotExist();
        assertThat(temp.resolve("target.restoring")).doesNotExist();
    }
}
