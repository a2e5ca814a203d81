package org.sipsocial.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipsocial.admin.AdminEndpoint;
import org.sipsocial.admin.SiteMetrics;
import org.sipsocial.store.Passphrase;
import org.sipsocial.store.SiteHome;
import org.sipsocial.store.SiteStore;
import org.sipsocial.testkit.FreePorts;

/** The web console's admin password: given at init, changed by admin passwd on a stopped or a running site. */
class AdminPasswordCommandsTest {
    private static final String PASSPHRASE = "correct horse battery staple";

    @TempDir
    Path temp;

    @Test
    void init_with_an_admin_password_file_keeps_only_its_hash_and_the_console_accepts_it() throws IOException {
        Path home = temp.resolve("smiths");
        CliRun.Result init = CliRun.run("init", "--home", home.toString(), "--site", "theSmiths", "--passphrase-file",
                secret("passphrase", PASSPHRASE), "--admin-password-file", secret("admin", "console staple 42"));
        assertThat(init.exit()).isZero();
        assertThat(init.out()).doesNotContain("No admin password");
        try (SiteStore store = open(home)) {
            assertThat(store.adminPasswords().matches("console staple 42".toCharArray())).isTrue();
            assertThat(store.adminPasswords().matches("console staple 43".toCharArray())).isFalse();
            assertThat(store.adminPasswords().hash().orElseThrow().encoded()).startsWith("$argon2id$v=19$m=19456,t=2,p=1$")
                    .doesNotContain("console staple");
        }
    }

    @Test
    void init_without_an_admin_password_or_a_terminal_says_the_console_waits_for_admin_passwd() throws IOException {
        Path home = temp.resolve("smiths");
        CliRun.Result init = CliRun.run("init", "--home", home.toString(), "--site", "theSmiths", "--passphrase-file",
                secret("passphrase", PASSPHRASE));
        assertThat(init.exit()).isZero();
        assertThat(init.out()).contains("No admin password was given: the web console refuses every login until "
                + "sipsocial admin passwd --home " + home);
    }

    @Test
    void init_refuses_an_admin_password_too_short_and_creates_nothing() throws IOException {
        Path home = temp.resolve("smiths");
        CliRun.Result init = CliRun.run("init", "--home", home.toString(), "--site", "theSmiths", "--passphrase-file",
                secret("passphrase", PASSPHRASE), "--admin-password-file", secret("admin", "short"));
        assertThat(init.exit()).isNotZero();
        assertThat(init.err()).isEqualTo("sipsocial: the admin password is too short: use at least 10 characters\n");
        assertThat(home).doesNotExist();
    }

    @Test
    void admin_passwd_on_a_stopped_site_sets_the_password_with_the_passphrase() throws IOException {
        Path home = initWithoutAdminPassword(0);
        CliRun.Result passwd = CliRun.run("admin", "passwd", "--home", home.toString(), "--passphrase-file",
                secret("passphrase", PASSPHRASE), "--admin-password-file", secret("admin", "a new console pw"));
        assertThat(passwd.exit()).isZero();
        assertThat(passwd.out()).isEqualTo("The admin password of theSmiths is set; log in to the console with it\n");
        try (SiteStore store = open(home)) {
            assertThat(store.adminPasswords().matches("a new console pw".toCharArray())).isTrue();
        }
    }

    @Test
    void admin_passwd_on_a_running_site_goes_through_the_admin_api_without_the_passphrase() throws IOException {
        Path home = initWithoutAdminPassword(FreePorts.tcpAndUdp());
        try (SiteStore store = open(home);
             AdminEndpoint endpoint = AdminEndpoint.start(store, new org.sipsocial.store.StoreAdministration(store,
                     new SecureRandom()), SiteMetrics.NONE, new SecureRandom())) {
            CliRun.Result passwd = CliRun.run("admin", "passwd", "--home", home.toString(),
                    "--admin-password-file", secret("admin", "a running console pw"));
            assertThat(passwd.exit()).isZero();
            assertThat(store.adminPasswords().matches("a running console pw".toCharArray())).isTrue();
        }
    }

    @Test
    void admin_passwd_without_a_file_or_a_terminal_says_how_to_give_one() throws IOException {
        Path home = initWithoutAdminPassword(0);
        CliRun.Result passwd = CliRun.run("admin", "passwd", "--home", home.toString(), "--passphrase-file",
                secret("passphrase", PASSPHRASE));
        assertThat(passwd.exit()).isEqualTo(1);
        assertThat(passwd.err()).isEqualTo(
                "sipsocial: no admin password: give --admin-password-file FILE, or run on a terminal to be asked\n");
    }

    private Path initWithoutAdminPassword(int adminPort) throws IOException {
        Path home = temp.resolve("smiths");
        String[] args = adminPort == 0
                ? new String[] {"init", "--home", home.toString(), "--site", "theSmiths", "--passphrase-file",
                        secret("passphrase", PASSPHRASE)}
                : new String[] {"init", "--home", home.toString(), "--site", "theSmiths", "--passphrase-file",
                        secret("passphrase", PASSPHRASE), "--admin-port", Integer.toString(adminPort)};
        assertThat(CliRun.run(args).exit()).isZero();
        return home;
    }

    private String secret(String name, String value) throws IOException {
        return Files.writeString(temp.resolve(name), value + "\n").toString();
    }

    private static SiteStore open(Path home) {
        try (Passphrase secret = Passphrase.of(PASSPHRASE.toCharArray())) {
            return SiteStore.open(new SiteHome(home), secret, Clock.systemUTC());
        }
    }
}
