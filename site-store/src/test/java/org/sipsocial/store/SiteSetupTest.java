package org.sipsocial.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipsocial.identity.PemCertificates;
import org.sipsocial.identity.SiteName;

class SiteSetupTest {
    @TempDir
    Path temp;

    @Test
    void a_new_site_home_holds_settings_certificate_wrapped_key_keystore_database_and_the_certificates_folder() throws IOException {
        SiteHome home = TestSites.create(temp.resolve("smiths"), "theSmiths");
        assertThat(home.settingsFile()).isRegularFile();
        assertThat(home.certificateFile()).isRegularFile();
        assertThat(home.wrappedDataKeyFile()).isRegularFile();
        assertThat(home.keystoreFile()).isRegularFile();
        assertThat(home.databaseBase().resolveSibling("site.mv.db")).isRegularFile();
        assertThat(home.remoteCertificatesDirectory()).isDirectory().isEmptyDirectory();
        assertThat(Files.readString(home.certificateFile())).startsWith("-----BEGIN CERTIFICATE-----")
                .doesNotContain("PRIVATE");
        try (Stream<Path> siblings = Files.list(temp)) {
            assertThat(siblings).as("no staging folder is left behind").containsExactly(home.root());
        }
    }

    @Test
    void the_opened_site_has_its_name_identity_and_settings() throws IOException {
        SiteHome home = TestSites.create(temp.resolve("smiths"), "theSmiths");
        try (SiteStore store = TestSites.open(home)) {
            assertThat(store.settings()).isEqualTo(SiteSettings.withDefaults(SiteName.of("theSmiths")));
            assertThat(store.identity().site().toString()).isEqualTo("theSmiths");
            assertThat(store.identity().certificate()).isEqualTo(
                    PemCertificates.read(Files.readAllBytes(home.certificateFile()), "site-certificate.pem"));
        }
    }

    @Test
    void init_on_an_existing_site_home_refuses_and_changes_nothing() throws Exception {
        SiteHome home = TestSites.create(temp.resolve("smiths"), "theSmiths");
        Map<String, String> before = digests(home.root());
        assertThatThrownBy(() -> TestSites.create(home.root(), "theJoneses"))
                .isInstanceOf(StoreException.class).hasMessageContaining("already holds a site (theSmiths)")
                .extracting(e -> ((StoreException) e).reason()).isEqualTo(StoreFailure.SITE_HOME_EXISTS);
        assertThat(digests(home.root())).isEqualTo(before);
    }

    @Test
    void init_in_a_folder_with_other_files_refuses_and_leaves_them_alone() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("busy"));
        Files.writeString(folder.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> TestSites.create(folder, "theSmiths")).hasMessageContaining("not empty");
        assertThat(digests(folder)).containsOnlyKeys("notes.txt");
    }

    @Test
    void init_in_an_empty_existing_folder_sets_the_site_up_there() {
        Path folder = temp.resolve("empty");
        assertThat(folder.toFile().mkdirs()).isTrue();
        assertThat(TestSites.create(folder, "theSmiths").holdsSite()).isTrue();
    }

    @Test
    void a_passphrase_too_short_for_a_new_site_is_refused_before_anything_is_written() {
        SiteHome home = new SiteHome(temp.resolve("smiths"));
        assertThatThrownBy(() -> new SiteSetup(Clock.systemUTC(), new SecureRandom(), Argon2idCost.FOR_TESTS)
                .create(home, SiteSettings.withDefaults(SiteName.of("theSmiths")), Passphrase.of("short".toCharArray())))
                .hasMessageContaining("at least 8");
        assertThat(home.root()).doesNotExist();
    }

    @Test
    void a_wrong_passphrase_does_not_open_the_site_and_changes_nothing() throws Exception {
        SiteHome home = TestSites.create(temp.resolve("smiths"), "theSmiths");
        Map<String, String> before = digests(home.root());
        assertThatThrownBy(() -> SiteStore.open(home, Passphrase.of("not the passphrase".toCharArray()), Clock.systemUTC()))
                .isInstanceOf(StoreException.class)
                .extracting(e -> ((StoreException) e).reason()).isEqualTo(StoreFailure.WRONG_PASSPHRASE);
        assertThat(digests(home.root())).isEqualTo(before);
    }

    @Test
    void opening_a_folder_that_is_no_site_home_says_so() {
        assertThatThrownBy(() -> TestSites.open(new SiteHome(temp.resolve("nowhere"))))
                .hasMessageContaining("no site home at")
                .extracting(e -> ((StoreException) e).reason()).isEqualTo(StoreFailure.NO_SITE_HOME);
    }

    @Test
    void a_second_opening_while_the_first_holds_the_database_is_refused_as_in_use() {
        SiteHome home = TestSites.create(temp.resolve("smiths"), "theSmiths");
        try (SiteStore first = TestSites.open(home)) {
            assertThatThrownBy(() -> TestSites.open(home))
                    .isInstanceOf(StoreException.class)
                    .extracting(e -> ((StoreException) e).reason()).isEqualTo(StoreFailure.STORE_IN_USE);
        }
    }

    static Map<String, String> digests(Path root) throws IOException {
        Map<String, String> digests = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                digests.put(root.relativize(file).toString(), HexFormat.of().formatHex(
                        sha256(Files.readAllBytes(file))));
            }
        }
        return digests;
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
