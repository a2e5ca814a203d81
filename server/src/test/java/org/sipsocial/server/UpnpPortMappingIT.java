package org.sipsocial.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sipsocial.testkit.netlab.Host;
import org.sipsocial.testkit.netlab.Nat;
import org.sipsocial.testkit.netlab.NetworkLab;

/**
 * Issue 15's third protocol: theSmiths behind a home router whose miniupnpd offers UPnP IGD alone (no PCP, no
 * NAT-PMP), and theJoneses behind another NAT that maps nothing. theSmiths's PCP and NAT-PMP requests get no answer,
 * so it searches for the router's IGD (SSDP multicast on its LAN, inside this test's namespaces), maps the link port
 * by AddPortMapping and says {@code by UPnP}; theJoneses's Connect gets in through that mapping, which the router
 * drops once theSmiths stops (DeletePortMapping).
 *
 * <p>As in {@link PortMappingIT}, the "internet" is 11.250.42.0/24 (miniupnpd maps nothing behind a reserved
 * address); it exists only in this test's namespaces, none linked to the machine's own interfaces.
 *
 * <pre>
 *   10.1.0.2 theSmiths ── nata 11.250.42.12 (miniupnpd, UPnP only) ──┐
 *                                                                    ├── internet 11.250.42.0/24
 *   10.2.0.2 theJoneses ── natb 11.250.42.13 (no port mapping) ──────┘
 * </pre>
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class UpnpPortMappingIT {
    private static final int LINK_PORT = 5070;
    /** PCP's and NAT-PMP's five unanswered attempts (7.75 s each), the search, the mapping, and some slack. */
    private static final Duration MAPPED = Duration.ofSeconds(60);
    private static final Duration UP = Duration.ofSeconds(60);

    @TempDir
    Path work;
    private NetworkLab lab;
    private SiteProcess smiths;
    private SiteProcess joneses;
    private MiniUpnpd router;

    @AfterEach
    void tearDown() throws Exception {
        try {
            if (smiths != null) smiths.close();
            if (joneses != null) joneses.close();
            if (router != null) router.close();
        } finally {
            if (lab != null) lab.close();
        }
    }

    @Test
    void aSiteBehindARouterWithOnlyUpnpMapsItsLinkPortByUpnpAndASiteBehindAnotherNatLinksThroughTheMapping() throws Exception {
        Path sites = Files.createDirectories(work.resolve("sites"));
        CompletableFuture<SiteProcess> initJoneses = CompletableFuture.supplyAsync(() -> init(sites, "theJoneses"));
        smiths = SiteProcess.init(sites, "theSmiths");
        joneses = initJoneses.join();

        lab = NetworkLab.create();
        TwoHomes homes = TwoHomes.in(lab, "11.250.42.0/24", "11.250.42.12", Nat.Ports.KEPT_WHEN_FREE, "11.250.42.13",
                Nat.Ports.KEPT_WHEN_FREE);
        Nat nata = homes.nata();
        Nat natb = homes.natb();
        Host smithsHost = homes.smiths();
        Host jonesesHost = homes.joneses();
        router = MiniUpnpd.startUpnpOnly(nata, Files.createDirectories(work.resolve("router")));

        smiths.add(joneses, natb.wanAddress() + ":" + LINK_PORT);
        joneses.add(smiths, nata.wanAddress() + ":" + LINK_PORT);
        smiths.set("port-mapping", "on");
        joneses.set("port-mapping", "off");
        CompletableFuture<Void> startJoneses = CompletableFuture.runAsync(() -> startOn(joneses, jonesesHost));
        smiths.startOn(smithsHost);
        startJoneses.join();

        String mapped = smiths.awaitStatusLine("Port mapping: router mapped ", MAPPED, router::log);
        assertThat(mapped).matches("Port mapping: router mapped 11\\.250\\.42\\.12:5070 to this site by UPnP, renewed \\d\\d:\\d\\d"
                + "; media on UDP 11\\.250\\.42\\.12:5070");
        assertThat(router.log()).contains("AddPortMapping").doesNotContain("PCP: ").doesNotContain("NAT-PMP: ");
        assertThat(router.forwards()).as(router.log())
                .anySatisfy(rule -> assertThat(rule).contains("-p tcp").contains("--dport 5070"))
                .anySatisfy(rule -> assertThat(rule).contains("-p udp").contains("--dport 5070"));

        joneses.connect(smiths);
        assertThat(joneses.awaitConnected(smiths, UP)).contains("initiated by theJoneses");
        assertThat(smiths.awaitConnected(joneses, UP)).contains("seen from 11.250.42.12:" + LINK_PORT);

        smiths.stop();
        Awaitility.await("miniupnpd's forwards of port 5070 deleted").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200)).until(() -> router.forwards().isEmpty());
    }

    private static SiteProcess init(Path dir, String name) {
        try {
            return SiteProcess.init(dir, name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void startOn(SiteProcess site, Host host) {
        try {
            site.startOn(host);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
