package org.sipsocial.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sipsocial.testkit.netlab.Host;
import org.sipsocial.testkit.netlab.Nat;
import org.sipsocial.testkit.netlab.NetworkLab;

/**
 * Issue 15's NAT that changes ports ({@code MASQUERADE --random-fully}: a fresh random port for every connection),
 * with sites as separate processes: theSmiths behind it, theBrowns public, theJoneses behind a NAT that keeps ports.
 * theSmiths links directly with theBrowns, learns from theBrowns's report that its NAT changes ports and says so;
 * its link with theJoneses gets no answer and says what would fix it. Then theSmiths's router maps the link port
 * (miniupnpd, asked by PCP once theSmiths turns {@code port-mapping} on), and the link with theJoneses comes up.
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
    void aSiteBehindANatThatChangesPortsLinksWithAPublicSiteSaysWhyItCannotWithASiteBehindANatAndDoesOnceItsRouterMapsThePort()
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
        joneses.add(smiths, nata.wanAddress() + ":" + LINK_PORT);
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
     * <pre>
     *   10.1.0.2 theSmiths ── nata 11.250.42.12 (random ports, miniupnpd) ──┐
     *                                                                       ├── internet 11.250.42.0/24
     *   10.2.0.2 theJoneses ── natb 11.250.42.13 (random ports, miniupnpd) ─┘
     * </pre>
     */
    @Test
    void twoSitesBehindNatsThatChangePortsLinkDirectlyWithinSecondsWhenBothRoutersMapTheLinkPort() throws Exception {
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
                    .anySatisfy(rule -> assertThat(rule).contains("-p tcp").contains("--dport 5070"));
        }
    }
}
