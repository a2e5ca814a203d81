package org.sipsocial.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.sipsocial.testkit.netlab.Host;
import org.sipsocial.testkit.netlab.Nat;
import org.sipsocial.testkit.netlab.Network;
import org.sipsocial.testkit.netlab.NetworkLab;

/**
 * Issue 6's four configurations, built with network namespaces on one machine: two sites, each its own process
 * on its own host, both on the "public Internet", both on one private network, each behind its own NAT, and
 * one behind a NAT with the other public. The NATs are home routers: MASQUERADE, no port forwarding, unsolicited
 * inbound packets silently dropped. The administrators act through the {@code sipsocial} CLI on each host.
 *
 * <pre>
 *   10.1.0.2 theSmiths ── natA 203.0.113.1 ──┐                 ┌── 203.0.113.10 theSmiths (public)
 *                                            ├── internet ─────┤
 *   10.2.0.2 theJoneses ─ natB 203.0.113.2 ──┘  203.0.113.0/24 └── 203.0.113.20 theJoneses (public)
 *
 *   192.168.50.10 theSmiths ── office 192.168.50.0/24 ── 192.168.50.20 theJoneses
 * </pre>
 */
class SitesAcrossNetworksIT {
    private static final int LINK_PORT = 5070;
    private static final Duration UP = Duration.ofSeconds(60);

    @TempDir
    static Path pristine;
    private static SiteProcess pristineSmiths;
    private static SiteProcess pristineJoneses;
    private static SiteProcess pristineBrowns;

    @TempDir
    Path work;
    private NetworkLab lab;
    private Network internet;
    private SiteProcess smiths;
    private SiteProcess joneses;
    private SiteProcess browns;

    @BeforeAll
    static void setUpTwoSitesOnce() throws Exception {
        pristineSmiths = SiteProcess.init(pristine, "theSmiths");
        pristineJoneses = SiteProcess.init(pristine, "theJoneses");
        pristineBrowns = SiteProcess.init(pristine, "theBrowns");
    }

    @BeforeEach
    void buildTheLab(TestInfo test) throws Exception {
        smiths = pristineSmiths.copyTo(Files.createDirectories(work.resolve("sites")));
        joneses = pristineJoneses.copyTo(work.resolve("sites"));
        browns = pristineBrowns.copyTo(work.resolve("sites"));
        lab = NetworkLab.create();
        internet = lab.network("inet", "203.0.113.0/24");
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            smiths.close();
            joneses.close();
            browns.close();
        } finally {
            lab.close();
        }
    }

    /** theSmiths's home router: 203.0.113.1 on the internet, 10.1.0.0/24 behind it. */
    private Nat natA() {
        return lab.nat("nata", internet, "203.0.113.1", "10.1.0.0/24");
    }

    /** theJoneses's home router: 203.0.113.2 on the internet, 10.2.0.0/24 behind it. */
    private Nat natB() {
        return lab.nat("natb", internet, "203.0.113.2", "10.2.0.0/24");
    }

    /** Imports both ways, starts both sites, both press Connect, and both sides show the link up. */
    private void linkByBothPressingConnect(Host smithsHost, Host jonesesHost) throws Exception {
        exchange(smithsHost, jonesesHost);
        start(smithsHost, jonesesHost);
        bothPressConnect();
        assertLinkedAndSeenFrom(smithsHost, jonesesHost);
    }

    /** Each administrator imports the other's certificate with the address the other site is reached at. */
    private void exchange(Host smithsHost, Host jonesesHost) {
        smiths.add(joneses, jonesesHost.publicAddress() + ":" + LINK_PORT);
        joneses.add(smiths, smithsHost.publicAddress() + ":" + LINK_PORT);
    }

    private void start(Host smithsHost, Host jonesesHost) throws Exception {
        CompletableFuture<Void> one = CompletableFuture.runAsync(() -> startQuietly(smiths, smithsHost));
        startQuietly(joneses, jonesesHost);
        one.join();
    }

    private static void startQuietly(SiteProcess site, Host host) {
        try {
            site.startOn(host);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Both administrators press Connect at the same moment. */
    private void bothPressConnect() {
        CompletableFuture<Void> one = CompletableFuture.runAsync(() -> smiths.connect(joneses));
        joneses.connect(smiths);
        one.join();
    }

    /** Both sides connected, each seen from the address the other dials it at, from the link port itself. */
    private void assertLinkedAndSeenFrom(Host smithsHost, Host jonesesHost) {
        assertThat(smiths.awaitConnected(joneses, UP)).endsWith("seen from " + smithsHost.publicAddress() + ":" + LINK_PORT);
        assertThat(joneses.awaitConnected(smiths, UP)).endsWith("seen from " + jonesesHost.publicAddress() + ":" + LINK_PORT);
    }

    @Test
    void twoPublicSitesLinkAndALinkComesBackAfterEitherSiteRestarts() throws Exception {
        Host a = lab.host("smiths", internet, "203.0.113.10");
        Host b = lab.host("joneses", internet, "203.0.113.20");
        linkByBothPressingConnect(a, b);

        joneses.stop();
        smiths.awaitStatus(joneses, UP, "lost and trying again", line -> line.endsWith("; trying again"));
        joneses.startOn(b);
        assertLinkedAndSeenFrom(a, b);

        smiths.stop();
        smiths.startOn(a);
        assertLinkedAndSeenFrom(a, b);

        smiths.disconnect(joneses);
        joneses.awaitStatus(smiths, UP, "disconnected by theSmiths", line -> line.equals("theSmiths: disconnected by theSmiths"));
        assertThat(smiths.status(joneses)).isEqualTo("theJoneses: disconnected");
    }

    /**
     * Three sites, each its own process: each pair links; removing a site from the list while running drops
     * that link at once (the other side is told) and leaves the other two links alone.
     */
    @Test
    void threePublicSitesLinkInPairsAndASiteRemovedWhileRunningLosesOnlyItsLink() throws Exception {
        Host a = lab.host("smiths", internet, "203.0.113.10");
        Host b = lab.host("joneses", internet, "203.0.113.20");
        Host c = lab.host("browns", internet, "203.0.113.30");
        exchange(a, b);
        smiths.add(browns, c.publicAddress() + ":" + LINK_PORT);
        browns.add(smiths, a.publicAddress() + ":" + LINK_PORT);
        joneses.add(browns, c.publicAddress() + ":" + LINK_PORT);
        browns.add(joneses, b.publicAddress() + ":" + LINK_PORT);
        CompletableFuture<Void> third = CompletableFuture.runAsync(() -> startQuietly(browns, c));
        start(a, b);
        third.join();
        bothPressConnect();
        CompletableFuture<Void> one = CompletableFuture.runAsync(() -> browns.connect(smiths));
        smiths.connect(browns);
        one.join();
        browns.connect(joneses);
        joneses.connect(browns);
        for (SiteProcess[] pair : new SiteProcess[][] {{smiths, joneses}, {joneses, smiths}, {smiths, browns},
                {browns, smiths}, {joneses, browns}, {browns, joneses}}) {
            pair[0].awaitConnected(pair[1], UP);
        }

        Host.Result removed = smiths.cli("site", "remove", "theBrowns");
        assertThat(removed.exitCode()).as(removed.describe()).isZero();
        browns.awaitStatus(smiths, UP, "disconnected by theSmiths", line -> line.equals("theSmiths: disconnected by theSmiths"));
        assertThat(smiths.cli("status").stdout()).doesNotContain("theBrowns");
        assertThat(smiths.status(joneses)).contains(": connected since ");
        assertThat(joneses.status(browns)).contains(": connected since ");
        assertThat(browns.status(joneses)).contains(": connected since ");
    }

    /**
     * Issue 10: where one site can reach the other, one Connect is enough (the certificate import is the other
     * side's consent); a Disconnect stands, across a restart, until that side's administrator connects again.
     */
    @Test
    void twoPublicSitesLinkByOneConnectAndADisconnectStandsUntilThatSideConnectsAgain() throws Exception {
        Host a = lab.host("smiths", internet, "203.0.113.10");
        Host b = lab.host("joneses", internet, "203.0.113.20");
        exchange(a, b);
        start(a, b);

        smiths.connect(joneses);
        assertLinkedAndSeenFrom(a, b);
        assertThat(joneses.status(smiths)).contains(", initiated by theSmiths, ");

        joneses.disconnect(smiths);
        smiths.awaitStatus(joneses, UP, "disconnected by theJoneses",
                line -> line.equals("theJoneses: disconnected by theJoneses"));
        joneses.stop();
        joneses.startOn(b);
        smiths.connect(joneses);
        smiths.awaitStatus(joneses, UP, "refused by theJoneses's Disconnect", line -> line.equals(
                "theJoneses: refused: theJoneses disconnected this link and has not pressed Connect since"));
        joneses.awaitStatus(smiths, UP, "asked to connect",
                line -> line.equals("theSmiths: disconnected: theSmiths asks to connect"));

        joneses.connect(smiths);
        assertLinkedAndSeenFrom(a, b);
    }

    @Test
    void twoSitesOnOnePrivateNetworkLinkByOneConnect() throws Exception {
        Network office = lab.network("lan", "192.168.50.0/24");
        Host a = lab.host("smiths", office, "192.168.50.10");
        Host b = lab.host("joneses", office, "192.168.50.20");
        exchange(a, b);
        start(a, b);
        joneses.connect(smiths);
        assertLinkedAndSeenFrom(a, b);
        assertThat(smiths.status(joneses)).contains(", initiated by theJoneses, ");
    }

    @Test
    void twoSitesOnOnePrivateNetworkLink() throws Exception {
        Network office = lab.network("lan", "192.168.50.0/24");
        Host a = lab.host("smiths", office, "192.168.50.10");
        Host b = lab.host("joneses", office, "192.168.50.20");
        linkByBothPressingConnect(a, b);
    }

    /**
     * The original product's procedure: the site behind a NAT presses Connect and waits for the timeout (its NAT
     * now holds a mapping toward the other site), the administrators tell each other, and the other site presses
     * Connect. Nothing of theSmiths's dials reaches theJoneses meanwhile (natB drops them silently); theJoneses's
     * dial passes natA's mapping and meets the dial theSmiths still has in progress.
     */
    @Test
    void behindTwoNatsTheManualProcedureLinksTheSites() throws Exception {
        Host a = lab.hostBehind("smiths", natA());
        Host b = lab.hostBehind("joneses", natB());
        exchange(a, b);
        start(a, b);

        smiths.connect(joneses);
        smiths.awaitStatus(joneses, UP, "a timeout", line -> line.equals(
                "theJoneses: timeout: no answer from 203.0.113.2:5070 (if it is behind a NAT, ask its administrator to connect now)"));
        Thread.sleep(5_000); // the administrators tell each other
        assertThat(joneses.status(smiths)).as("natB dropped theSmiths's dials silently").isEqualTo("theSmiths: disconnected");

        joneses.connect(smiths);
        assertLinkedAndSeenFrom(a, b);
    }

    @Test
    void behindTwoNatsBothPressingConnectLinksTheSitesWithoutWaitingForATimeout() throws Exception {
        Host a = lab.hostBehind("smiths", natA());
        Host b = lab.hostBehind("joneses", natB());
        linkByBothPressingConnect(a, b);
    }

    /** The public site presses first and times out on the NAT; the site behind it presses; the link comes up. */
    @Test
    void oneBehindANatAndOnePublicLinkByTheManualProcedureAndByBothPressingConnect() throws Exception {
        Host a = lab.hostBehind("smiths", natA());
        Host b = lab.host("joneses", internet, "203.0.113.20");
        exchange(a, b);
        start(a, b);

        joneses.connect(smiths);
        joneses.awaitStatus(smiths, UP, "a timeout", line -> line.equals(
                "theSmiths: timeout: no answer from 203.0.113.1:5070 (if it is behind a NAT, ask its administrator to connect now)"));
        smiths.connect(joneses);
        assertLinkedAndSeenFrom(a, b);

        smiths.disconnect(joneses);
        joneses.awaitStatus(smiths, UP, "disconnected by theSmiths", line -> line.equals("theSmiths: disconnected by theSmiths"));
        bothPressConnect();
        assertLinkedAndSeenFrom(a, b);
    }

    /**
     * A 30-second outage of the internet, with both NATs' mappings lost: the status says the link is lost
     * meanwhile, and the link comes back on its own within a minute of the network's return. The keep-alive is
     * 10 s here (site.properties link-keep-alive) so that the loss is seen within the outage.
     */
    @Test
    void behindTwoNatsALinkSurvivesAThirtySecondOutageOfThePublicNetwork() throws Exception {
        Nat natA = natA();
        Nat natB = natB();
        Host a = lab.hostBehind("smiths", natA);
        Host b = lab.hostBehind("joneses", natB);
        smiths.set("link-keep-alive", "10");
        joneses.set("link-keep-alive", "10");
        linkByBothPressingConnect(a, b);

        Instant cut = Instant.now();
        lab.cut(internet);
        assertThat(natA.trackedConnections()).isEmpty();
        assertThat(natB.trackedConnections()).isEmpty();
        Duration outage = Duration.ofSeconds(30);
        smiths.awaitStatus(joneses, outage, "lost", line -> line.startsWith("theJoneses: lost: ") || line.endsWith("; trying again"));
        joneses.awaitStatus(smiths, outage.minus(Duration.between(cut, Instant.now())), "lost",
                line -> line.startsWith("theSmiths: lost: ") || line.endsWith("; trying again"));
        Thread.sleep(Math.max(0, outage.minus(Duration.between(cut, Instant.now())).toMillis()));
        lab.restore(internet);

        assertLinkedAndSeenFrom(a, b);
    }
}
