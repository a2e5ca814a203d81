package org.sipsocial.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipsocial.admin.AdminEndpoint;
import org.sipsocial.admin.SiteMetrics;
import org.sipsocial.store.AdminToken;
import org.sipsocial.store.DigestCredentials;
import org.sipsocial.store.Passphrase;
import org.sipsocial.store.SiteHome;
import org.sipsocial.store.SiteStore;
import org.sipsocial.store.StoreAdministration;
import org.sipsocial.store.UserName;

/**
 * The user commands while the site runs: the test opens the store and starts the admin endpoint as the
 * running site does (which holds the site lock and writes the token file), and the commands, given no
 * passphrase, go through the admin API and answer as they do on a stopped site.
 */
class UserCommandsOnARunningSiteTest {
    private static final String PASSPHRASE = "correct horse battery staple";

    @TempDir
    Path temp;
    private Path passphraseFile;
    private Path runningHome;
    private SiteStore runningStore;
    private AdminEndpoint endpoint;

    @BeforeEach
    void startSite() throws IOException {
        passphraseFile = Files.writeString(temp.resolve("passphrase"), PASSPHRASE + "\n");
        runningHome = init("running");
        try (Passphrase secret = Passphrase.of(PASSPHRASE.toCharArray())) {
            runningStore = SiteStore.open(new SiteHome(runningHome), secret, Clock.systemUTC());
        }
        endpoint = AdminEndpoint.start(runningStore.home(), runningStore.settings(),
                new StoreAdministration(runningStore, new SecureRandom()), SiteMetrics.NONE, new SecureRandom());
    }

    @AfterEach
    void stopSite() {
        stopAdminApi();
        if (runningStore != null) {
            runningStore.close();
            runningStore = null;
        }
    }

    private void stopAdminApi() {
        if (endpoint != null) {
            endpoint.close();
            endpoint = null;
        }
    }

    private Path init(String folder) throws IOException {
        Path home = temp.resolve(folder);
        CliRun.Result init = CliRun.run("init", "--home", home.toString(), "--site", "theSmiths",
                "--passphrase-file", passphraseFile.toString(), "--admin-port", Integer.toString(freePort()));
        assertThat(init.exit()).as(init.err()).isZero();
        return home;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** {@code sipsocial user ARGS --home HOME}, with no passphrase. */
    private static CliRun.Result user(Path home, String... args) {
        List<String> all = new ArrayList<>(List.of("user"));
        all.addAll(List.of(args));
        all.addAll(List.of("--home", home.toString()));
        return CliRun.run(all.toArray(String[]::new));
    }

    private DigestCredentials storedCredentials(String name) {
        return runningStore.users().credentials(UserName.of(name)).orElseThrow();
    }

    @Test
    void each_user_command_prints_and_exits_on_a_running_site_as_on_a_stopped_one() throws IOException {
        Path stoppedHome = init("stopped");
        Path password = Files.writeString(temp.resolve("pw"), "Tr0ub4dor&3\n");
        Path other = Files.writeString(temp.resolve("other"), "new secret");
        String[][] script = {
            {"list"},
            {"add", "Robert", "--password-file", password.toString()},
            {"add", "Bob", "--password-file", password.toString()},
            {"add", "bob", "--password-file", password.toString()},
            {"add", "alice smith", "--password-file", password.toString()},
            {"add", "a/b?c;d", "--password-file", password.toString()},
            {"add", "..", "--password-file", password.toString()},
            {"list"},
            {"add", "carol", "--unlisted", "--password-file", password.toString()},
            {"set", "Robert", "--unlisted"},
            {"set", "nobody", "--listed"},
            {"set", "Robert"},
            {"set", "Robert", "--listed", "--unlisted"},
            {"list"},
            {"set", "ROBERT", "--listed"},
            {"passwd", "ROBERT", "--password-file", other.toString()},
            {"passwd", "nobody", "--password-file", other.toString()},
            {"passwd", "bob", "--password-file", temp.resolve("missing").toString()},
            {"remove", "bob"},
            {"remove", "bob"},
            {"remove", "a/b?c;d"},
            {"remove", ".."},
            {"remove", "carol"},
            {"list"},
        };
        for (String[] command : script) {
            CliRun.Result stopped = CliRun.run(withPassphrase(command, stoppedHome));
            CliRun.Result running = user(runningHome, command);
            assertThat(running).as(String.join(" ", command)).isEqualTo(stopped);
        }
        assertThat(user(runningHome, "list").out()).isEqualTo("Robert@theSmiths  sip:Robert@theSmiths\n");
        assertThat(storedCredentials("robert"))
                .isEqualTo(DigestCredentials.of(UserName.of("Robert"), "theSmiths", "new secret".toCharArray()));
    }

    @Test
    void user_add_unlisted_and_user_set_change_what_the_running_site_publishes_and_user_list_shows_it() {
        assertThat(user(runningHome, "add", "alice").exit()).isZero();
        CliRun.Result unlisted = user(runningHome, "add", "bob", "--unlisted");
        assertThat(unlisted.out()).startsWith("Added bob@theSmiths (sip:bob@theSmiths), unlisted\n");
        assertThat(user(runningHome, "list").out()).isEqualTo("alice@theSmiths  sip:alice@theSmiths\n"
                + "bob@theSmiths    sip:bob@theSmiths    unlisted\n");
        assertThat(runningStore.users().listedNames()).extracting(UserName::toString).containsExactly("alice");

        assertThat(user(runningHome, "set", "ALICE", "--unlisted"))
                .isEqualTo(new CliRun.Result(0, "ALICE@theSmiths is unlisted in the directory\n", ""));
        assertThat(user(runningHome, "set", "bob", "--listed"))
                .isEqualTo(new CliRun.Result(0, "bob@theSmiths is listed in the directory\n", ""));
        assertThat(runningStore.users().listedNames()).extracting(UserName::toString).containsExactly("bob");
        assertThat(user(runningHome, "set", "nobody", "--listed"))
                .isEqualTo(new CliRun.Result(ExitStatus.NOT_FOUND.code(), "", "sipsocial: no user nobody@theSmiths\n"));
    }

    private String[] withPassphrase(String[] command, Path home) {
        List<String> all = new ArrayList<>(List.of("user"));
        all.addAll(List.of(command));
        all.addAll(List.of("--home", home.toString(), "--passphrase-file", passphraseFile.toString()));
        return all.toArray(String[]::new);
    }

    @Test
    void user_add_without_a_password_file_prints_the_password_the_running_site_generated_and_stored() {
        CliRun.Result added = user(runningHome, "add", "alice");
        assertThat(added.exit()).as(added.err()).isZero();
        Matcher password = Pattern.compile("^Added alice@theSmiths \\(sip:alice@theSmiths\\)\\n"
                + "Password \\(shown only this once; enter it in the phone\\): (\\S{20})\\n$").matcher(added.out());
        assertThat(password.find()).as(added.out()).isTrue();
        assertThat(storedCredentials("alice"))
                .isEqualTo(DigestCredentials.of(UserName.of("alice"), "theSmiths", password.group(1).toCharArray()));
    }

    @Test
    void user_passwd_without_a_password_file_prints_the_new_generated_password_once() {
        user(runningHome, "add", "carol");
        CliRun.Result changed = user(runningHome, "passwd", "carol");
        Matcher password = Pattern.compile("^Changed the password of carol@theSmiths\\n"
                + "Password \\(shown only this once; enter it in the phone\\): (\\S{20})\\n$").matcher(changed.out());
        assertThat(password.find()).as(changed.out()).isTrue();
        assertThat(storedCredentials("carol"))
                .isEqualTo(DigestCredentials.of(UserName.of("carol"), "theSmiths", password.group(1).toCharArray()));
    }

    @Test
    void a_token_the_running_site_did_not_write_is_refused_in_one_line_with_exit_3() {
        AdminToken.generate(new SecureRandom()).write(new SiteHome(runningHome).adminTokenFile());
        CliRun.Result result = user(runningHome, "add", "mallory");
        assertThat(result.exit()).isEqualTo(ExitStatus.WRONG_PASSPHRASE.code());
        assertThat(result.err()).isEqualTo("sipsocial: the running site refused its admin token: wrong admin token: "
                + "it is not the one the running site wrote to its admin.token\n");
        assertThat(runningStore.users().list()).isEmpty();
    }

    @Test
    void a_token_file_left_by_a_site_that_no_longer_answers_leads_to_the_store_and_its_passphrase() {
        stopSite();
        AdminToken.generate(new SecureRandom()).write(new SiteHome(runningHome).adminTokenFile());
        CliRun.Result withoutPassphrase = user(runningHome, "list");
        assertThat(withoutPassphrase.exit()).isEqualTo(ExitStatus.USER_ERROR.code());
        assertThat(withoutPassphrase.err()).startsWith("sipsocial: no passphrase");
        CliRun.Result withPassphrase = CliRun.run("user", "list", "--home", runningHome.toString(),
                "--passphrase-file", passphraseFile.toString());
        assertThat(withPassphrase.exit()).as(withPassphrase.err()).isZero();
        assertThat(withPassphrase.out()).startsWith("No users yet");
    }

    @Test
    void a_site_running_without_its_admin_api_is_reported_in_use_as_before() {
        stopAdminApi();
        assertThat(new SiteHome(runningHome).adminTokenFile()).as("deleted on close").doesNotExist();
        CliRun.Result result = CliRun.run("user", "list", "--home", runningHome.toString(),
                "--passphrase-file", passphraseFile.toString());
        assertThat(result.exit()).isEqualTo(ExitStatus.IN_USE.code());
        assertThat(result.err()).contains("is in use by another process");
    }
}
