package org.sipsocial.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipsocial.admin.AdminEndpoint;
import org.sipsocial.admin.SiteMetrics;
import org.sipsocial.store.Passphrase;
import org.sipsocial.store.SiteHome;
import org.sipsocial.store.SiteStore;
import org.sipsocial.store.StoreAdministration;
import org.sipsocial.store.UserName;

/** {@code sipsocial backup} of a running and of a stopped site, and {@code sipsocial restore}, with their exit codes. */
class BackupCommandsTest {
    private static final String PASSPHRASE = "correct horse battery staple";

    @TempDir
    Path temp;

    private Path init(String folder, String site) throws IOException {
        Path passphrase = Files.writeString(temp.resolve("passphrase"), PASSPHRASE + "\n");
        Path home = temp.resolve(folder);
        int adminPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            adminPort = socket.getLocalPort();
        }
        CliRun.Result init = CliRun.run("init", "--home", home.toString(), "--site", site, "--passphrase-file",
                passphrase.toString(), "--admin-port", Integer.toString(adminPort));
        assertThat(init.exit()).as(init.err()).isZero();
        Path password = Files.writeString(temp.resolve("alice.password"), "alice-password-1\n");
        CliRun.Result add = CliRun.run("user", "add", "alice", "--password-file", password.toString(), "--home", home.toString(),
                "--passphrase-file", passphrase.toString());
        assertThat(add.exit()).as(add.err()).isZero();
        return home;
    }

    private static SiteStore open(Path home) {
        try (Passphrase secret = Passphrase.of(PASSPHRASE.toCharArray())) {
            return SiteStore.open(new SiteHome(home), secret, Clock.systemUTC());
        }
    }

    @Test
    void a_running_site_is_backed_up_through_its_admin_api_and_restores_with_the_same_users_and_certificate() throws Exception {
        Path home = init("smiths", "theSmiths");
        Path backup = temp.resolve("smiths.backup");
        try (SiteStore running = open(home);
             AdminEndpoint endpoint = AdminEndpoint.start(running.home(), running.settings(),
                     new StoreAdministration(running, new SecureRandom()), SiteMetrics.NONE, new SecureRandom())) {
            running.users().add(UserName.of("bob"), "bob-password-22".toCharArray());
            CliRun.Result result = CliRun.run("backup", "--out", backup.toString(), "--home", home.toString());
            assertThat(result.exit()).as(result.err()).isZero();
            assertThat(result.out()).contains("Wrote a backup of theSmiths to " + backup).contains("while the site ran");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup))).isEqualTo("rw-------");

        Path restored = temp.resolve("restored");
        CliRun.Result restore = CliRun.run("restore", backup.toString(), "--home", restored.toString());
        assertThat(restore.exit()).as(restore.err()).isZero();
        assertThat(restore.out()).contains("Restored theSmiths from " + backup);
        try (SiteStore original = open(home); SiteStore copy = open(restored)) {
            assertThat(copy.users().list()).isEqualTo(original.users().list()).hasSize(2);
            assertThat(copy.identity().certificate()).isEqualTo(original.identity().certificate());
        }
        CliRun.Result fingerprint = CliRun.run("cert", "fingerprint", "--home", restored.toString());
        assertThat(fingerprint.out()).isEqualTo(CliRun.run("cert", "fingerprint", "--home", home.toString()).out());
    }

    @Test
    void restore_refuses_an_existing_home_a_foreign_file_and_a_damaged_backup_with_the_readme_s_exit_codes() throws Exception {
        Path home = init("smiths", "theSmiths");
        Path backup = temp.resolve("smiths.backup");
        CliRun.Result stopped = CliRun.run("backup", "--out", backup.toString(), "--home", home.toString());
        assertThat(stopped.exit()).as(stopped.err()).isZero();
        assertThat(stopped.out()).contains("while the site was stopped");
        assertThat(CliRun.run("backup", "--out", backup.toString(), "--home", home.toString()).exit())
                .isEqualTo(ExitStatus.ALREADY_EXISTS.code());

        CliRun.Result overHome = CliRun.run("restore", backup.toString(), "--home", home.toString());
        assertThat(overHome.exit()).isEqualTo(ExitStatus.ALREADY_EXISTS.code());
        assertThat(overHome.err()).contains("already holds a site").contains("--replace");

        Path foreign = Files.writeString(temp.resolve("notes.txt"), "shopping list\n");
        CliRun.Result notABackup = CliRun.run("restore", foreign.toString(), "--home", temp.resolve("a").toString());
        assertThat(notABackup.exit()).isEqualTo(ExitStatus.USER_ERROR.code());
        assertThat(notABackup.err()).contains("is not a SIPsocial backup");

        byte[] bytes = Files.readAllBytes(backup);
        Path damaged = Files.write(temp.resolve("damaged.backup"), java.util.Arrays.copyOf(bytes, bytes.length - 200));
        CliRun.Result broken = CliRun.run("restore", damaged.toString(), "--home", temp.resolve("b").toString());
        assertThat(broken.exit()).isEqualTo(ExitStatus.DAMAGED.code());
        assertThat(broken.err()).contains("is damaged");
        assertThat(temp.resolve("a")).doesNotExist();
        assertThat(temp.resolve("b")).doesNotExist();

        CliRun.Result replaced = CliRun.run("restore", backup.toString(), "--home", home.toString(), "--replace");
        assertThat(replaced.exit()).as(replaced.err()).isZero();
        assertThat(replaced.out()).contains("the site that was there is now in " + home + ".before-restore-");
    }
}
