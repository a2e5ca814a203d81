package org.sipsocial.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipsocial.identity.SiteName;

/**
 * Issue 16: a site home that cannot be written (here a read-only bind mount of it, made for the test, so it runs as
 * root as CI does) is refused with a clear error that says what to do, not called damaged; once writable again the
 * store opens with everything in it.
 */
class AReadOnlyHomeTest {
    private static final String PASSPHRASE = "correct horse battery";

    @TempDir
    Path temp;

    @Test
    void a_read_only_home_is_refused_with_what_to_do_and_opens_intact_once_writable_again() throws Exception {
        SiteHome home = new SiteHome(temp.resolve("smiths"));
        new SiteSetup(Clock.systemUTC(), new SecureRandom(), Argon2idCost.FOR_TESTS)
                .create(home, SiteSettings.withDefaults(SiteName.of("theSmiths")), passphrase());
        try (SiteStore store = open(home)) {
            store.users().add(UserName.of("alice"), "alice-password-1".toCharArray());
        }
        Files.deleteIfExists(home.lockFile());
        String root = home.root().toString();
        command("mount", "--bind", root, root);
        try {
            command("mount", "-o", "remount,bind,ro", root);
            assertThatThrownBy(() -> open(home))
                    .isInstanceOfSatisfying(StoreException.class,
                            e -> assertThat(e.reason()).isEqualTo(StoreFailure.HOME_NOT_WRITABLE))
                    .hasMessageContaining("cannot be written (Read-only file system)")
                    .hasMessageContaining("make it writable");
        } finally {
            command("umount", "-l", root);
        }
        try (SiteStore reopened = open(home)) {
            assertThat(reopened.users().credentials(UserName.of("alice"))).isPresent();
        }
    }

    private static Passphrase passphrase() {
        return Passphrase.of(PASSPHRASE.toCharArray());
    }

    private static SiteStore open(SiteHome home) {
        return SiteStore.open(home, passphrase(), Clock.systemUTC());
    }

    private static void command(String... args) throws Exception {
        Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", args) + " failed (needs root): " + out);
        }
    }
}
