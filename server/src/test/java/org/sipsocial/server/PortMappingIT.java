package org.sipsocial.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipsocial.testkit.netlab.Host;
import org.sipsocial.testkit.netlab.Nat;
import org.sipsocial.testkit.netlab.Network;
import org.sipsocial.testkit.netlab.NetworkLab;

/**
 * Issue 15's port mapping with a real router's: theSmiths behind a home router that runs miniupnpd (which answers
 * PCP, so the site maps by PCP; the NAT-PMP fallback is exercised against a fake gateway in site-link), and
 * theJoneses on the public side. The router drops every unsolicited connection from outside, so theJoneses can only
 * reach theSmiths through the port the router maps at theSmiths's request. The control comes first: with
 * {@code port-mapping = off}, theJoneses's Connect does not get through; with it on (after a restart), the same
 * Connect, still trying, does, and the mapping is gone once theSmiths stops.
 *
 * <p>miniupnpd 2.3.1 maps nothing when its external address is in a reserved range (the documentation ranges
 * included), so the "internet" here is 11.250.42.0/24, the example range of miniupnpd's own tests. It exists only
 * in this test's namespaces, none of which is linked to the machine's own interfaces: no packet leaves them.
 *
 * <pre>
 *   10.1.0.2 theSmiths ── nata 11.250.42.12 (miniupnpd) ── internet 11.250.42.0/24 ── 11.250.42.20 theJoneses
 * </pre>
 */
class PortMappingIT {
    private static final int LINK_PORT = 5070;
    private static final Duration UP = Duration.ofSeconds(60);
    /** How long a Connect is given to get through a router that maps nothing (a dial is retried within seconds). */
    private static final Duration NO_WAY_IN = Duration.ofSeconds(10);

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
    void aSiteBehindARouterWithNatPmpIsReachedThroughTheMappingWithOneConnectFromThePublicSideAndTheMappingGoesWhenItStops()
            throws Exception {
        Path sites = Files.createDirectories(work.resolve("sites"));
        CompletableFuture<SiteProcess> initJoneses = CompletableFuture.supplyAsync(() -> init(sites, "theJoneses"));
        smiths = SiteProcess.init(sites, "theSmiths");
        joneses = initJoneses.join();

        lab = NetworkLab.create();
        Network internet = lab.network("inet", "11.250.42.0/24");
        Nat nat = lab.nat("nata", internet, "11.250.42.12", "10.1.0.0/24");
        Host smithsHost = lab.hostBehind("smiths", nat);
        Host jonesesHost = lab.host("joneses", internet, "11.250.42.20");
        router = MiniUpnpd.start(nat, Files.createDirectories(work.resolve("router")));

        smiths.add(joneses, jonesesHost.address() + ":" + LINK_PORT);
        joneses.add(smiths, nat.wanAddress() + ":" + LINK_PORT);
        smiths.set("port-mapping", "off");
        // The public site asks too, and finds no router: its host has no default route.
        joneses.set("port-mapping", "on");
        CompletableFuture<Void> startJoneses = CompletableFuture.runAsync(() -> startOn(joneses, jonesesHost));
        smiths.startOn(smithsHost);
        startJoneses.join();

        // The control: with port mapping off, theJoneses's Connect cannot get through the router.
        joneses.connect(smiths);
        Thread.sleep(NO_WAY_IN.toMillis());
        assertThat(smiths.status()).contains("theJoneses: disconnected\n")
                .contains("Port mapping: port mapping is off (port-mapping = off)");
        assertThat(joneses.status(smiths)).doesNotContain("connected since");
        assertThat(router.forwards()).as("nothing asked of the router").isEmpty();

        // theSmiths turns port mapping on and restarts; theJoneses's Connect is still trying.
        smiths.stop();
        smiths.set("port-mapping", "on");
        smiths.startOn(smithsHost);
        String mapped = smiths.awaitStatusLine("Port mapping: router mapped 11.250.42.12:5070 to this site by PCP, renewed ", UP, router::log);
        assertThat(mapped).matches("Port mapping: router mapped 11\\.250\\.42\\.12:5070 to this site by PCP, renewed \\d\\d:\\d\\d"
                + "; media on UDP 11\\.250\\.42\\.12:5070");
        assertThat(router.forwards()).as(router.log()).anySatisfy(rule -> assertThat(rule).contains("-p tcp").contains("--dport 5070"))
                .anySatisfy(rule -> assertThat(rule).contains("-p udp").contains("--dport 5070"));
        assertThat(joneses.status()).contains("Port mapping: no port mapping: this machine has no default gateway");

        assertThat(joneses.awaitConnected(smiths, UP)).contains("initiated by theJoneses")
                .contains("seen from " + jonesesHost.address() + ":" + LINK_PORT);
        assertThat(smiths.awaitConnected(joneses, UP)).contains("seen from 11.250.42.12:" + LINK_PORT);
        assertThat(smiths.status()).contains("Seen from: 11.250.42.12:5070");

        smiths.stop();
        Awaitility.await("miniupnpd's forwards of port 5070 deleted").atMost(Duration.ofSeconds(10))
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
