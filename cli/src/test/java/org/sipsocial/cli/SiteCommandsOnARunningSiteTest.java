package org.sipsocial.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipsocial.admin.AdminEndpoint;
import org.sipsocial.admin.SiteMetrics;
import org.sipsocial.identity.Fingerprint;
import org.sipsocial.identity.PemCertificates;
import org.sipsocial.identity.SiteName;
import org.sipsocial.store.LinkStatus;
import org.sipsocial.store.NetworkListChanges;
import org.sipsocial.store.Passphrase;
import org.sipsocial.store.RemoteSite;
import org.sipsocial.store.SiteHome;
import org.sipsocial.store.SiteStore;
import org.sipsocial.store.StoreAdministration;

/**
 * The site commands while the site runs: they go through the admin API, with no passphrase, answer as they do
 * on a stopped site, and the running site hears of each change at once (where its link manager will act).
 */
class SiteCommandsOnARunningSiteTest {
    private static final String PASSPHRASE = "correct horse battery staple";

    @TempDir
    Path temp;
    private Path passphraseFile;
    private Path runningHome;
    private SiteStore runningStore;
    private AdminEndpoint endpoint;
    private final List<String> heard = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startSite() throws IOException {
        passphraseFile = Files.writeString(temp.resolve("passphrase"), PASSPHRASE + "\n");
        runningHome = init("running");
        try (Passphrase secret = Passphrase.of(PASSPHRASE.toCharArray())) {
            runningStore = SiteStore.open(new SiteHome(runningHome), secret, Clock.systemUTC());
        }
        NetworkListChanges linkManager = new NetworkListChanges() {
            @Override
            public void onSiteAdded(RemoteSite site) {
                heard.add("added " + site.name());
            }

            @Override
            public void onSiteRemoved(SiteName site) {
                heard.add("removed " + site);
            }

            @Override
            public void onAddressChanged(RemoteSite site) {
                heard.add("moved " + site.name() + " to " + site.address());
            }
        };
        StoreAdministration administration = new StoreAdministration(runningStore, new SecureRandom(), linkManager,
                site -> site.key().equals("thejoneses") ? new LinkStatus("connected") : LinkStatus.DISCONNECTED);
        endpoint = AdminEndpoint.start(runningStore.home(), runningStore.settings(), administration, SiteMetrics.NONE,
                new SecureRandom());
    }

    @AfterEach
    void stopSite() {
        if (endpoint != null) {
            endpoint.close();
        }
        if (runningStore != null) {
            runningStore.close();
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

    /** {@code sipsocial site ARGS --home HOME}, with the passphrase only when given; the home path made {@code <home>}. */
    private CliRun.Result site(Path home, boolean withPassphrase, String... args) {
        List<String> all = new ArrayList<>(List.of("site"));
        all.addAll(List.of(args));
        all.addAll(List.of("--home", home.toString()));
        if (withPassphrase) {
            all.addAll(List.of("--passphrase-file", passphraseFile.toString()));
        }
        CliRun.Result result = CliRun.run(all.toArray(String[]::new));
        String root = new SiteHome(home).root().toString();
        return new CliRun.Result(result.exit(), result.out().replace(root, "<home>"), result.err().replace(root, "<home>"));
    }

    private static String fingerprintOf(Path file) throws IOException {
        return Fingerprint.of(PemCertificates.read(Files.readAllBytes(file), file.toString())).colonHex();
    }

    @Test
    void each_site_command_prints_and_exits_on_a_running_site_as_on_a_stopped_one() throws Exception {
        Path stoppedHome = init("stopped");
        Path joneses = SiteCommandsTest.pemFile(temp, "joneses.pem",
                SiteCommandsTest.ISSUER.issue(SiteName.of("theJoneses")).certificate());
        Path browns = SiteCommandsTest.pemFile(temp, "browns.pem",
                SiteCommandsTest.ISSUER.issue(SiteName.of("browns.example")).certificate());
        Instant notAfter = Instant.parse("2025-01-01T00:00:00Z");
        Path expired = SiteCommandsTest.pemFile(temp, "expired.pem", SiteCommandsTest.ISSUER.issue(
                SiteName.of("old.example"), notAfter.minus(10, ChronoUnit.DAYS), notAfter).certificate());
        Path own = Files.copy(stoppedHome.resolve("site-certificate.pem"), temp.resolve("own.pem"));
        String[][] script = {
            {"list"},
            {"add", "theJoneses", "--address", "203.0.113.7", "--cert", joneses.toString(), "--fingerprint", fingerprintOf(joneses)},
            {"add", "theJoneses", "--address", "203.0.113.7", "--cert", joneses.toString()},
            {"add", "browns.example", "--address", "browns.example:6000", "--cert", browns.toString(), "--fingerprint",
                fingerprintOf(joneses)},
            {"add", "browns.example", "--address", "[2001:db8::9]:6000", "--cert", browns.toString(), "--fingerprint",
                fingerprintOf(browns)},
            {"add", "THEJONESES", "--address", "203.0.113.7", "--cert", joneses.toString(), "--fingerprint", fingerprintOf(joneses)},
            {"add", "other.example", "--address", "203.0.113.7", "--cert", joneses.toString(), "--fingerprint", fingerprintOf(joneses)},
            {"add", "old.example", "--address", "203.0.113.7", "--cert", expired.toString(), "--fingerprint", fingerprintOf(expired)},
            {"add", "theSmiths", "--address", "203.0.113.7", "--cert", own.toString(), "--fingerprint", fingerprintOf(own)},
            {"add", "bad_name", "--address", "203.0.113.7", "--cert", joneses.toString(), "--fingerprint", fingerprintOf(joneses)},
            {"add", "theBrowns", "--address", "203.0.113.7:0", "--cert", joneses.toString(), "--fingerprint", fingerprintOf(joneses)},
            {"set-address", "browns.example", "198.51.100.4"},
            {"set-address", "browns.example", "198.51.100.4:x"},
            {"set-address", "nowhere.example", "198.51.100.4"},
            {"show", "nowhere.example"},
            {"remove", "browns.example"},
            {"remove", "browns.example"},
        };
        for (String[] command : script) {
            CliRun.Result stopped = site(stoppedHome, true, command);
            CliRun.Result running = site(runningHome, false, command);
            assertThat(running).as(String.join(" ", command)).isEqualTo(stopped);
        }
        assertThat(runningStore.remoteSites().list()).extracting(site -> site.name().toString()).containsExactly("theJoneses");
        assertThat(runningHome.resolve("lib/certificates/thejoneses.pem")).hasSameTextualContentAs(joneses);
        assertThat(runningHome.resolve("lib/certificates/browns.example.pem")).doesNotExist();
        assertThat(heard).containsExactly("added theJoneses", "added browns.example",
                "moved browns.example to 198.51.100.4:5070", "removed browns.example");
    }

    @Test
    void site_list_and_show_on_a_running_site_give_the_link_status_its_link_manager_reports() throws Exception {
        Path joneses = SiteCommandsTest.pemFile(temp, "joneses.pem",
                SiteCommandsTest.ISSUER.issue(SiteName.of("theJoneses")).certificate());
        Path browns = SiteCommandsTest.pemFile(temp, "browns.pem",
                SiteCommandsTest.ISSUER.issue(SiteName.of("browns.example")).certificate());
        site(runningHome, false, "add", "theJoneses", "--address", "203.0.113.7", "--cert", joneses.toString(),
                "--fingerprint", fingerprintOf(joneses));
        site(runningHome, false, "add", "browns.example", "--address", "browns.example", "--cert", browns.toString(),
                "--fingerprint", fingerprintOf(browns));
        CliRun.Result list = site(runningHome, false, "list");
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out().lines().skip(1)).containsExactly(
                String.format("%-14s  %-19s  %-95s  %s", "browns.example", "browns.example:5070", fingerprintOf(browns), "disconnected"),
                String.format("%-14s  %-19s  %-95s  %s", "theJoneses", "203.0.113.7:5070", fingerprintOf(joneses), "connected"));
        CliRun.Result show = site(runningHome, false, "show", "theJoneses");
        assertThat(show.out()).contains("Link:              connected\n")
                .contains("Certificate file:  <home>/lib/certificates/thejoneses.pem\n");
    }
}
