package org.sipsocial.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipsocial.admin.AdminEndpoint;
import org.sipsocial.admin.SiteMetrics;
import org.sipsocial.identity.Fingerprint;
import org.sipsocial.identity.PemCertificates;
import org.sipsocial.identity.SiteName;
import org.sipsocial.store.DirectoryEntry;
import org.sipsocial.store.LinkStatus;
import org.sipsocial.store.NetworkListChanges;
import org.sipsocial.store.NetworkStatus;
import org.sipsocial.store.Passphrase;
import org.sipsocial.store.SiteAdministration;
import org.sipsocial.store.SiteHome;
import org.sipsocial.store.SiteLink;
import org.sipsocial.store.SiteStore;
import org.sipsocial.store.StoreAdministration;

/**
 * {@code connect}, {@code disconnect} and {@code status}: they reach the running site through its admin API,
 * where a stand-in link manager answers, and refuse a stopped site in one line without asking for a passphrase.
 */
class LinkCommandsTest {
    private static final String PASSPHRASE = "correct horse battery staple";

    @TempDir
    Path temp;
    private Path passphraseFile;
    private Path home;
    private SiteStore runningStore;
    private AdminEndpoint endpoint;
    private final Map<SiteName, String> links = new ConcurrentHashMap<>();
    private final List<DirectoryEntry> directory = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        passphraseFile = Files.writeString(temp.resolve("passphrase"), PASSPHRASE + "\n");
        home = temp.resolve("smiths");
        CliRun.Result init = CliRun.run("init", "--home", home.toString(), "--site", "theSmiths",
                "--passphrase-file", passphraseFile.toString(), "--admin-port", Integer.toString(freePort()));
        assertThat(init.exit()).as(init.err()).isZero();
        Path joneses = SiteCommandsTest.pemFile(temp, "joneses.pem",
                SiteCommandsTest.ISSUER.issue(SiteName.of("theJoneses")).certificate());
        CliRun.Result add = CliRun.run("site", "add", "theJoneses", "--address", "203.0.113.7", "--cert",
                joneses.toString(), "--fingerprint",
                Fingerprint.of(PemCertificates.read(Files.readAllBytes(joneses), "joneses")).colonHex(),
                "--home", home.toString(), "--passphrase-file", passphraseFile.toString());
        assertThat(add.exit()).as(add.err()).isZero();
    }

    private void startSite() {
        try (Passphrase secret = Passphrase.of(PASSPHRASE.toCharArray())) {
            runningStore = SiteStore.open(new SiteHome(home), secret, Clock.systemUTC());
        }
        endpoint = AdminEndpoint.start(runningStore.home(), runningStore.settings(),
                withLinks(), SiteMetrics.NONE, new SecureRandom());
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

    /**
     * The store's administration, with Connect, Disconnect and status answered by a stand-in link manager (its
     * methods of the same signature), which also gives {@code site list} its status lines, as a running site's does.
     */
    private SiteAdministration withLinks() {
        SiteAdministration store = new StoreAdministration(runningStore, new SecureRandom(), NetworkListChanges.NONE,
                site -> new LinkStatus(links.getOrDefault(site, "disconnected")));
        LinkManagerStandIn linkManager = new LinkManagerStandIn(store);
        return (SiteAdministration) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {SiteAdministration.class}, (proxy, method, args) -> {
                    Method standIn = standInFor(method);
                    try {
                        return standIn != null ? standIn.invoke(linkManager, args) : method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static Method standInFor(Method method) {
        try {
            return LinkManagerStandIn.class.getDeclaredMethod(method.getName(), method.getParameterTypes());
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private CliRun.Result sipsocial(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--home", home.toString()));
        CliRun.Result result = CliRun.run(all.toArray(String[]::new));
        String root = new SiteHome(home).root().toString();
        return new CliRun.Result(result.exit(), result.out().replace(root, "<home>"), result.err().replace(root, "<home>"));
    }

    @Test
    void connect_disconnect_and_status_act_on_the_running_site_and_print_one_line_per_link() {
        startSite();

        assertThat(sipsocial("status")).isEqualTo(new CliRun.Result(0, "theJoneses: disconnected\n", ""));
        assertThat(sipsocial("connect", "theJoneses")).isEqualTo(new CliRun.Result(0, "theJoneses: connecting\n", ""));
        links.put(SiteName.of("theJoneses"), "connected since 2026-11-30 13:40:00 UTC, round trip 12 ms, seen from 198.51.100.7:5070");
        assertThat(sipsocial("status", "THEJONESES")).isEqualTo(new CliRun.Result(0, "theJoneses: connected since "
                + "2026-11-30 13:40:00 UTC, round trip 12 ms, seen from 198.51.100.7:5070\n", ""));
        assertThat(sipsocial("status").out()).isEqualTo("theJoneses: connected since 2026-11-30 13:40:00 UTC, round trip "
                + "12 ms, seen from 198.51.100.7:5070\n"
                + "Port mapping: router mapped 198.51.100.7:5070 to this site by NAT-PMP, renewed 13:40\n"
                + "NAT: this site is behind a NAT that keeps the link port when it is free; it can link directly with public sites "
                + "and with sites behind NATs that keep ports too (theJoneses sees it from 198.51.100.7:5070)\n"
                + "Seen from: 198.51.100.7:5070\n"
                + "Refused callers:\n"
                + "  refused: 192.0.2.9:40000 presented a certificate that is not on the Network Connection list\n"
                + "Latest event: 13:40:00 UTC theJoneses: connected, initiated by theSmiths\n");
        assertThat(sipsocial("site", "list").out()).contains("connected since 2026-11-30 13:40:00 UTC");
        assertThat(sipsocial("disconnect", "theJoneses")).isEqualTo(new CliRun.Result(0, "theJoneses: disconnected\n", ""));
    }

    @Test
    void directory_prints_one_aor_per_line_of_what_connected_sites_publish_or_of_one_site() {
        startSite();
        assertThat(sipsocial("directory")).isEqualTo(new CliRun.Result(0, "", ""));
        directory.add(new DirectoryEntry(SiteName.of("theBrowns"), "carol@theBrowns"));
        directory.add(new DirectoryEntry(SiteName.of("theJoneses"), "alice@theJoneses"));
        directory.add(new DirectoryEntry(SiteName.of("theJoneses"), "bob@theJoneses"));

        assertThat(sipsocial("directory"))
                .isEqualTo(new CliRun.Result(0, "carol@theBrowns\nalice@theJoneses\nbob@theJoneses\n", ""));
        assertThat(sipsocial("directory", "THEJONESES"))
                .isEqualTo(new CliRun.Result(0, "alice@theJoneses\nbob@theJoneses\n", ""));
        assertThat(sipsocial("directory", "nowhere.example")).isEqualTo(new CliRun.Result(ExitStatus.NOT_FOUND.code(), "",
                "sipsocial: no site nowhere.example on the Network Connection list\n"));
    }

    @Test
    void connect_to_a_site_not_on_the_list_exits_with_not_found_in_one_line() {
        startSite();

        CliRun.Result connect = sipsocial("connect", "nowhere.example");

        assertThat(connect).isEqualTo(new CliRun.Result(ExitStatus.NOT_FOUND.code(), "",
                "sipsocial: no site nowhere.example on the Network Connection list\n"));
    }

    @Test
    void link_commands_on_a_stopped_site_refuse_in_one_line_without_asking_for_a_passphrase() {
        String refusal = "sipsocial: the site is not running: start it with sipsocial run --home <home>\n";
        for (String[] command : new String[][] {{"connect", "theJoneses"}, {"disconnect", "theJoneses"}, {"status"},
                {"status", "theJoneses"}, {"directory"}, {"directory", "theJoneses"}}) {
            assertThat(sipsocial(command)).as(String.join(" ", command))
                    .isEqualTo(new CliRun.Result(ExitStatus.NOT_RUNNING.code(), "", refusal));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Keeps one line per site, as the test sets it; only sites on the list have links. */
    private final class LinkManagerStandIn {
        private final SiteAdministration store;

        LinkManagerStandIn(SiteAdministration store) {
            this.store = store;
        }

        private SiteLink line(SiteName name, String line) {
            SiteName listed = store.site(name).site().name();
            if (line != null) {
                links.put(listed, line);
            }
            return new SiteLink(listed, new LinkStatus(links.getOrDefault(listed, "disconnected")));
        }

        public SiteLink connect(SiteName name) {
            return line(name, "connecting");
        }

        public SiteLink disconnect(SiteName name) {
            return line(name, "disconnected");
        }

        public SiteLink status(SiteName name) {
            return line(name, null);
        }

        public List<DirectoryEntry> directory() {
            return List.copyOf(directory);
        }

        public NetworkStatus status() {
            List<SiteLink> all = store.sites().stream().map(s -> line(s.site().name(), null)).toList();
            boolean connected = all.stream().anyMatch(l -> l.status().text().startsWith("connected"));
            return new NetworkStatus(all, connected ? List.of("198.51.100.7:5070") : List.of(),
                    connected ? List.of("refused: 192.0.2.9:40000 presented a certificate that is not on the Network "
                            + "Connection list") : List.of(),
                    connected ? List.of("13:39:58 UTC theJoneses: Connect pressed here; connecting",
                            "13:40:00 UTC theJoneses: connected, initiated by theSmiths") : List.of(),
                    connected ? "router mapped 198.51.100.7:5070 to this site by NAT-PMP, renewed 13:40" : "",
                    connected ? "this site is behind a NAT that keeps the link port when it is free; it can link directly with public "
                            + "sites and with sites behind NATs that keep ports too (theJoneses sees it from "
                            + "198.51.100.7:5070)" : "");
        }
    }
}
