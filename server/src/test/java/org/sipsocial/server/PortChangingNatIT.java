package org.sipsocial.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sipsocial.testkit.Baresip;
import org.sipsocial.testkit.netlab.Host;
import org.sipsocial.testkit.netlab.Nat;
import org.sipsocial.testkit.netlab.NetworkLab;

/**
 * Issue 15's NAT that changes ports ({@code MASQUERADE --random-fully}: a fresh random port for every connection),
 * with sites as separate processes: theSmiths behind it, theBrowns public, theJoneses behind a NAT that keeps ports.
 * theSmiths links directly with theBrowns, learns from theBrowns's report that its NAT changes ports and says so;
 * its link with theJoneses gets no answer and says what would fix it. theBrowns, once its administrator allows it,
 * relays that link. Then theSmiths's router maps the link port (miniupnpd, asked by PCP once theSmiths turns
 * {@code port-mapping} on), and the link with theJoneses comes up directly.
 *
 * <p>miniupnpd maps nothing when its external address is in a reserved range, so the "internet" is 11.250.42.0/24
 * (as in {@link PortMappingIT}); it exists only in this test's namespaces, none linked to the machine's own.
 *
 * <pre>
 *   10.1.0.2 theSmiths ── nata 11.250.42.12 (random ports, miniupnpd) ──┐
 *   10.2.0.2 theJoneses ── natb 11.250.42.13 (keeps ports) ──────────────┼── internet 11.250.42.0/24
 *                                                11.250.42.30 theBrowns ─┘
 * </pre>
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class PortChangingNatIT {
    private static final int LINK_PORT = 5070;
    private static final Duration UP = Duration.ofSeconds(60);
    /** Two sites whose routers both map the link port link as fast as two public sites: a dial or two. */
    private static final Duration DIRECT_WITHIN = Duration.ofSeconds(20);
    private static final Pattern SEEN_FROM = Pattern.compile("seen from 11\\.250\\.42\\.12:(\\d+)");
    /** The end of a port mapping line: the UDP address the router mapped to the media relay (issue 15). */
    private static final Pattern MEDIA_ON_UDP = Pattern.compile("; media on UDP (\\d+\\.\\d+\\.\\d+\\.\\d+:\\d+)$");
    /** The relays probe once a second: a router's mapped address answers the first probe that reaches it. */
    private static final Duration MEDIA_DIRECT_WITHIN = Duration.ofSeconds(15);

    @TempDir
    Path work;
    private NetworkLab lab;
    private SiteProcess smiths;
    private SiteProcess joneses;
    private SiteProcess browns;
    private MiniUpnpd router;
    private MiniUpnpd otherRouter;

    @AfterEach
    void tearDown() throws Exception {
        try {
            for (SiteProcess site : new SiteProcess[] {smiths, joneses, browns}) {
                if (site != null) site.close();
            }
            if (router != null) router.close();
            if (otherRouter != null) otherRouter.close();
        } finally {
            if (lab != null) lab.close();
        }
    }

    @Test
    void aSiteBehindANatThatChangesPortsLinksWithAPublicSiteSaysWhyItCannotWithASiteBehindANatLinksThroughARelayAndDirectlyOnceItsRouterMapsThePort()
            throws Exception {
        List<SiteProcess> all = SiteProcess.initAll(Files.createDirectories(work.resolve("sites")),
                "theSmiths", "theJoneses", "theBrowns");
        smiths = all.get(0);
        joneses = all.get(1);
        browns = all.get(2);

        lab = NetworkLab.create();
        TwoHomes homes = TwoHomes.in(lab, "11.250.42.0/24", "11.250.42.12", Nat.Ports.RANDOM, "11.250.42.13",
                Nat.Ports.KEPT_WHEN_FREE);
        Nat nata = homes.nata();
        Nat natb = homes.natb();
        Host smithsHost = homes.smiths();
        Host jonesesHost = homes.joneses();
        Host brownsHost = lab.host("browns", homes.internet(), "11.250.42.30");
        router = MiniUpnpd.start(nata, Files.createDirectories(work.resolve("router")));

        smiths.add(browns, brownsHost.address() + ":" + LINK_PORT);
        smiths.add(joneses, natb.wanAddress() + ":" + LINK_PORT);
        browns.add(smiths, nata.wanAddress() + ":" + LINK_PORT);
        browns.add(joneses, natb.wanAddress() + ":" + LINK_PORT);
        joneses.add(smiths, nata.wanAddress() + ":" + LINK_PORT);
        joneses.add(browns, brownsHost.address() + ":" + LINK_PORT);
        for (SiteProcess site : List.of(smiths, joneses, browns)) {
            site.set("port-mapping", "off");
        }
        // One after the other: three JVMs starting at once on a busy machine take longer than one after another.
        browns.startOn(brownsHost);
        joneses.startOn(jonesesHost);
        smiths.startOn(smithsHost);

        // Beside a public site, the NAT that changes ports is no obstacle: theSmiths's dial gets through.
        smiths.connect(browns);
        smiths.connect(joneses);
        joneses.connect(smiths);
        String withBrowns = smiths.awaitConnected(browns, UP);
        assertThat(withBrowns).contains("initiated by theSmiths");
        Matcher seen = SEEN_FROM.matcher(withBrowns);
        assertThat(seen.find()).as(withBrowns).isTrue();
        String port = seen.group(1);
        assertThat(port).as("theBrowns sees another port than the link port").isNotEqualTo(Integer.toString(LINK_PORT));
        assertThat(browns.awaitConnected(smiths, UP)).contains("initiated by theSmiths");
        assertThat(smiths.status()).contains("NAT: this site is behind a NAT that changes ports; it can link directly "
                + "only with public sites or with sites whose router maps ports (theBrowns sees link port 5070 as "
                + "11.250.42.12:" + port + ")\n");

        // Beside a NAT that keeps ports, it is: theSmiths's link with theJoneses gets no answer, and says what would fix it.
        String withJoneses = smiths.awaitStatus(joneses, UP, "the fix for a NAT that changes ports",
                line -> line.contains("this site's NAT changes ports"));
        assertThat(withJoneses).startsWith("theJoneses: timeout: no answer from 11.250.42.13:5070")
                .endsWith("this site's NAT changes ports, so theJoneses can reach it only if theJoneses is public or its "
                        + "router maps ports; to fix: enable UPnP/NAT-PMP on the router (with port-mapping = on), forward "
                        + "the link port 5070 to this machine, or relay through a site both trust (with "
                        + "relay = on and both sites on its relay-allow list)");
        assertThat(joneses.status(smiths)).doesNotContain("connected since");
        assertThat(router.forwards()).as("nothing asked of the router").isEmpty();

        // With no port mapping, theBrowns, linked with both and trusted by both, relays their link once its
        // administrator allows it: the NAT that changes ports beside one that keeps them links through a relay.
        joneses.connect(browns);
        assertThat(joneses.awaitConnected(browns, UP)).contains("initiated by theJoneses");
        browns.stop();
        browns.set("relay", "on");
        browns.set("relay-allow", "theSmiths, theJoneses");
        browns.startOn(brownsHost);
        smiths.awaitConnected(browns, UP);
        joneses.awaitConnected(browns, UP);
        smiths.connect(joneses);
        smiths.awaitStatus(joneses, UP, "connected through theBrowns",
                line -> line.startsWith("theJoneses: connected through theBrowns since "));
        joneses.awaitStatus(smiths, UP, "connected through theBrowns",
                line -> line.startsWith("theSmiths: connected through theBrowns since "));
        assertThat(browns.status(smiths)).contains("relaying its link with theJoneses since ");
        // theBrowns stops relaying, so that what follows shows the direct path alone.
        browns.stop();

        // theSmiths turns port mapping on: its router maps the link port, and theJoneses's Connect gets through.
        smiths.stop();
        smiths.set("port-mapping", "on");
        smiths.startOn(smithsHost);
        joneses.connect(smiths);
        // theJoneses's NAT keeps the port when it is free; its own unanswered dials may still hold it there.
        assertThat(joneses.awaitConnected(smiths, UP)).contains("seen from " + natb.wanAddress() + ":");
        assertThat(smiths.awaitConnected(joneses, UP)).contains("initiated by theJoneses");
        assertThat(router.forwards()).as(router.log()).anySatisfy(rule -> assertThat(rule).contains("-p tcp").contains("--dport 5070"));
        assertThat(smiths.awaitStatusLine("Port mapping: router mapped ", UP, router::log))
                .contains("Port mapping: router mapped 11.250.42.12:5070 to this site by PCP, renewed ");
    }

    /**
     * Two NATs that change ports, and both routers map ports: each site has its router map the link port (by PCP),
     * both administrators press Connect, and the link comes up directly, within {@link #DIRECT_WITHIN}: each site's
     * dial reaches the other through the other's mapping, whatever port its own NAT sends it from. Without the
     * mappings (and with no site relaying) the same two NATs keep the sites apart, and both say so with what would
     * fix it: the first half of {@link RelayThroughATrustedSiteIT}.
     *
     * <p>Each router also maps the media relay's UDP port, which each site's status names ({@code media on UDP}) and
     * its relay offers to the other's: a call between alice of theSmiths and bob of theJoneses (baresip on each
     * LAN, a tone each way) then has its media on UDP between the two routers' mapped addresses, none of it inside
     * the link, and each phone hears the other. Without the routers' UDP mappings no probe would get through
     * either NAT, and the media would stay inside the link.
     *
     * <pre>
     *   10.1.0.2 theSmiths ── nata 11.250.42.12 (random ports, miniupnpd) ──┐
     *                                                                       ├── internet 11.250.42.0/24
     *   10.2.0.2 theJoneses ── natb 11.250.42.13 (random ports, miniupnpd) ─┘
     * </pre>
     */
    @Test
    void twoSitesBehindNatsThatChangePortsLinkDirectlyWithinSecondsWhenBothRoutersMapTheLinkPortAndTheirCallsMediaCrossOnTheMappedUdpPorts()
            throws Exception {
        List<SiteProcess> both = SiteProcess.initAll(Files.createDirectories(work.resolve("sites")),
                "theSmiths", "theJoneses");
        smiths = both.get(0);
        joneses = both.get(1);

        lab = NetworkLab.create();
        TwoHomes homes = TwoHomes.in(lab, "11.250.42.0/24", "11.250.42.12", Nat.Ports.RANDOM, "11.250.42.13",
                Nat.Ports.RANDOM);
        router = MiniUpnpd.start(homes.nata(), Files.createDirectories(work.resolve("router-a")));
        otherRouter = MiniUpnpd.start(homes.natb(), Files.createDirectories(work.resolve("router-b")));

        smiths.add(joneses, homes.natb().wanAddress() + ":" + LINK_PORT);
        joneses.add(smiths, homes.nata().wanAddress() + ":" + LINK_PORT);
        smiths.set("port-mapping", "on");
        joneses.set("port-mapping", "on");
        smiths.startOn(homes.smiths());
        joneses.startOn(homes.joneses());
        assertThat(smiths.awaitStatusLine("Port mapping: router mapped ", UP, router::log))
                .startsWith("Port mapping: router mapped 11.250.42.12:5070 to this site by PCP, renewed ");
        assertThat(joneses.awaitStatusLine("Port mapping: router mapped ", UP, otherRouter::log))
                .startsWith("Port mapping: router mapped 11.250.42.13:5070 to this site by PCP, renewed ");
        String smithsMedia = awaitMediaMapped(smiths, router);
        String jonesesMedia = awaitMediaMapped(joneses, otherRouter);
        assertThat(smithsMedia).as("the UDP address theSmiths's router mapped to its relay").startsWith("11.250.42.12:");
        assertThat(jonesesMedia).as("the UDP address theJoneses's router mapped to its relay").startsWith("11.250.42.13:");

        long pressed = System.nanoTime();
        smiths.connect(joneses);
        joneses.connect(smiths);
        String smithsSide = smiths.awaitConnected(joneses, DIRECT_WITHIN);
        String jonesesSide = joneses.awaitConnected(smiths, DIRECT_WITHIN);
        System.out.printf("PortChangingNatIT: two NATs that change ports, both mapping the link port: linked directly "
                + "%d ms after both pressed Connect (status polled each second)%n", (System.nanoTime() - pressed) / 1_000_000);
        assertThat(List.of(smithsSide, jonesesSide)).allSatisfy(line -> assertThat(line).doesNotContain("through"))
                .anySatisfy(line -> assertThat(line).contains("initiated by "));
        for (MiniUpnpd mapping : List.of(router, otherRouter)) {
            assertThat(mapping.forwards()).as(mapping.log())
                    .anySatisfy(rule -> assertThat(rule).contains("-p tcp").contains("--dport 5070"))
                    .anySatisfy(rule -> assertThat(rule).contains("-p udp").contains("--dport 5070"));
        }

        // The relays probe the addresses the other router mapped: the path turns direct UDP between the routers.
        String smithsPath = smiths.awaitStatus(joneses, MEDIA_DIRECT_WITHIN, "media over direct UDP",
                line -> line.contains("; media: direct UDP with 11.250.42.13:"));
        String jonesesPath = joneses.awaitStatus(smiths, MEDIA_DIRECT_WITHIN, "media over direct UDP",
                line -> line.contains("; media: direct UDP with 11.250.42.12:"));
        System.out.printf("PortChangingNatIT: media paths %s | %s%n", smithsPath, jonesesPath);
        smiths.addUser("alice", "alice-pw");
        joneses.addUser("bob", "bob-pw");
        MediaCounts before = MediaCounts.of(smiths, joneses);
        Path logs = Files.createDirectories(work.resolve("phones"));
        Baresip bobsPhone = TonePhones.bobAnswering(logs, homes.joneses(), 14);
        Baresip alicesPhone = TonePhones.aliceCallingBob(logs, homes.smiths(), 8, 0);
        alicesPhone.process().waitFor(30, TimeUnit.SECONDS);
        bobsPhone.process().waitFor(30, TimeUnit.SECONDS);
        MediaCounts after = MediaCounts.of(smiths, joneses);
        TonePhones.assertHeardEachOther(alicesPhone, bobsPhone, 3.0);
        // 8 s of call at 50 packets a second each way: well over 150 each way, all of it on UDP between the routers.
        for (int site = 0; site < 2; site++) {
            String name = site == 0 ? "theSmiths" : "theJoneses";
            assertThat(after.udpSent[site] - before.udpSent[site]).as("%s's relay: packets sent on UDP", name).isGreaterThan(150);
            assertThat(after.udpReceived[site] - before.udpReceived[site]).as("%s's relay: packets received on UDP", name)
                    .isGreaterThan(150);
            assertThat(after.linkSent[site] - before.linkSent[site]).as("%s's relay: packets sent inside the link", name).isZero();
            assertThat(after.toPhone[site] - before.toPhone[site]).as("%s's relay: packets to its phone", name).isGreaterThan(150);
        }
        assertThat(smiths.status(joneses)).contains("; media: direct UDP with 11.250.42.13:");
        assertThat(joneses.status(smiths)).contains("; media: direct UDP with 11.250.42.12:");
    }

    /**
     * Waits until the site's port mapping line ends with the UDP address its router mapped for the media relay
     * ({@code ; media on UDP host:port}), and returns that address.
     */
    private static String awaitMediaMapped(SiteProcess site, MiniUpnpd itsRouter) {
        String[] last = {""};
        try {
            Awaitility.await(site.name + ": media on UDP").atMost(UP).pollInterval(Duration.ofSeconds(1))
                    .until(() -> (last[0] = site.status()).lines().anyMatch(line -> MEDIA_ON_UDP.matcher(line).find()));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(site.name + ": no media mapping in its status:\n" + last[0] + "\n" + itsRouter.log()
                    + "\n" + site.logTail(), e);
        }
        Matcher media = MEDIA_ON_UDP.matcher(last[0].lines().filter(line -> line.startsWith("Port mapping: "))
                .findFirst().orElseThrow());
        assertThat(media.find()).as(last[0]).isTrue();
        return media.group(1);
    }

    /**
     * The two sites' media relays' counters, for the link between them: packets sent and received by UDP, sent
     * inside the link, and sent to the site's phones ([0] theSmiths, [1] theJoneses).
     */
    private record MediaCounts(double[] udpSent, double[] udpReceived, double[] linkSent, double[] toPhone) {
        static MediaCounts of(SiteProcess smiths, SiteProcess joneses) {
            SiteProcess[] sites = {smiths, joneses};
            String[] others = {"thejoneses", "thesmiths"}; // the label holds the site key, lower case
            double[][] counts = new double[4][2];
            for (int i = 0; i < 2; i++) {
                counts[0][i] = sites[i].metric(path("sent", others[i], "udp"));
                counts[1][i] = sites[i].metric(path("received", others[i], "udp"));
                counts[2][i] = sites[i].metric(path("sent", others[i], "link"));
                counts[3][i] = sites[i].metric("sipsocial_media_packets_total{direction=\"to_phone\"}");
            }
            return new MediaCounts(counts[0], counts[1], counts[2], counts[3]);
        }

        private static String path(String direction, String site, String via) {
            return "sipsocial_media_path_packets_total{direction=\"" + direction + "\",site=\"" + site + "\",via=\""
                    + via + "\"}";
        }
    }
}
