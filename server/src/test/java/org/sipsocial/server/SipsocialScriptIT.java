package org.sipsocial.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built jar through the {@code sipsocial} script, as separate processes: what a newcomer runs. */
class SipsocialScriptIT {
    @TempDir
    Path temp;
    private Path passphrase;

    @BeforeEach
    void setUp() throws Exception {
        passphrase = Files.writeString(temp.resolve("passphrase"), "correct horse battery staple\n");
    }

    @Test
    void the_script_lists_every_command_in_its_help() throws Exception {
        ScriptProcess.Result help = ScriptProcess.run(temp, "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("init", "cert", "user", "run");
        assertThat(ScriptProcess.run(temp, "run", "--help").out()).startsWith("Usage: sipsocial run");
    }

    @Test
    void a_site_set_up_by_the_script_has_the_fingerprint_openssl_computes_and_takes_users() throws Exception {
        String home = temp.resolve("smiths").toString();
        ScriptProcess.Result init = ScriptProcess.run(temp, "init", "--home", home, "--site", "theSmiths",
                "--passphrase-file", passphrase.toString(), "--port-mapping", "off");
        assertThat(init.exit()).as(init.err()).isZero();
        assertThat(init.err()).isEmpty();
        Path pem = temp.resolve("smiths.pem");
        assertThat(ScriptProcess.run(temp, "cert", "export", "--home", home, "--out", pem.toString()).exit()).isZero();
        Process openssl = new ProcessBuilder("openssl", "x509", "-noout", "-fingerprint", "-sha256", "-in", pem.toString()).start();
        String theirs = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(openssl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ScriptProcess.run(temp, "cert", "fingerprint", "--home", home).out()).isEqualTo(theirs);

        ScriptProcess.Result add = ScriptProcess.run(temp, "user", "add", "alice", "--home", home,
                "--passphrase-file", passphrase.toString());
        assertThat(add.exit()).as(add.err()).isZero();
        assertThat(add.err()).as("no log noise on a command").isEmpty();
        assertThat(ScriptProcess.run(temp, "user", "list", "--home", home, "--passphrase-file", passphrase.toString()).out())
                .isEqualTo("alice@theSmiths  sip:alice@theSmiths\n");
    }

    @Test
    void run_sets_up_a_site_on_first_run_refuses_a_second_run_and_stops_cleanly_on_sigterm() throws Exception {
        Path home = temp.resolve("joneses");
        Path log = temp.resolve("run.log");
        Process site = ScriptProcess.builder(temp, "run", "--home", home.toString(), "--site", "theJoneses",
                "--passphrase-file", passphrase.toString(), "--port-mapping", "off").redirectError(log.toFile()).start();
        try {
            awaitLine(log, "site theJoneses is running", Duration.ofSeconds(60));
            ScriptProcess.Result second = ScriptProcess.run(temp, "run", "--home", home.toString(),
                    "--passphrase-file", passphrase.toString());
            assertThat(second.exit()).isEqualTo(6);
            assertThat(second.err()).contains("is in use by another process");
            // While the site runs, user commands go through its admin API and need no passphrase.
            Path password = Files.writeString(temp.resolve("carol.pw"), "carol-secret");
            ScriptProcess.Result added = ScriptProcess.run(temp, "user", "add", "carol", "--home", home.toString(),
                    "--password-file", password.toString());
            assertThat(added.exit()).as(added.err()).isZero();
            assertThat(added.out()).contains("Added carol@theJoneses");
            assertThat(ScriptProcess.run(temp, "user", "list", "--home", home.toString()).out())
                    .isEqualTo("carol@theJoneses  sip:carol@theJoneses\n");
            assertThat(Files.exists(home.resolve("admin.token"))).isTrue();

            site.destroy(); // SIGTERM
            assertThat(site.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(log)).contains("site theJoneses stopped", "listening for SIP over UDP",
                    "listening for SIP over TCP", "listening for SIP over TLS");
            assertThat(Files.exists(home.resolve("admin.token"))).as("the token goes with the running site").isFalse();
        } finally {
            site.destroyForcibly();
        }
        ScriptProcess.Result afterwards = ScriptProcess.run(temp, "user", "list", "--home", home.toString(),
                "--passphrase-file", passphrase.toString());
        assertThat(afterwards.exit()).as("the lock is released").isZero();
        assertThat(afterwards.out()).contains("carol@theJoneses");
    }

    @Test
    void run_on_an_empty_home_without_a_site_name_explains_what_to_do() throws Exception {
        ScriptProcess.Result result = ScriptProcess.run(temp, "run", "--home", temp.resolve("none").toString(),
                "--passphrase-file", passphrase.toString());
        assertThat(result.exit()).isEqualTo(4);
        assertThat(result.err()).contains("give --site NAME");
    }

    private static void awaitLine(Path log, String text, Duration limit) throws Exception {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no \"" + text + "\" in " + log + " within " + limit + ":\n"
                + (Files.exists(log) ? Files.readString(log) : "(no log)"));
    }
}
