package org.sipsocial.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipsocial.testkit.netlab.Host;
import org.sipsocial.testkit.netlab.Nat;
import org.sipsocial.testkit.netlab.Network;
import org.sipsocial.testkit.netlab.NetworkLab;

/**
 * Issue 15: a home router that reboots loses the site's port mappings, and the site has them back within seconds,
 * not at its next renewal (an hour later). theSmiths sits behind a router running miniupnpd, maps its link port by
 * PCP, and then the router "reboots": miniupnpd stops, its forwards go, and it starts again with its epoch from 0.
 * On starting, miniupnpd multicasts PCP's unsolicited ANNOUNCE to 224.0.0.1:5350 (RFC 6887 §14.1.3), whose epoch
 * tells the site that the router lost its state (§8.5); the site maps again after a random wait of up to 5 s.
 *
 * <p>As in {@link PortMappingIT}, the "internet" is 11.250.42.0/24 (miniupnpd 2.3.1 maps nothing behind a reserved
 * external address), and it exists only in this test's namespaces: no packet leaves them.
 *
 * <pre>
 *   10.1.0.2 theSmiths ── nata 11.250.42.12 (miniupnpd) ── internet 11.250.42.0/24
 * </pre>
 */
class RouterRestartIT {
    private static final Duration UP = Duration.ofSeconds(30);
    /** The random wait (at most 5 s), a round of two requests, and a second of status polling, with room to spare. */
    private static final Duration BACK_WITHIN = Duration.ofSeconds(10);

    @TempDir
    Path work;
    private NetworkLab lab;
    private SiteProcess smiths;
    private MiniUpnpd router;

    @AfterEach
    void tearDown() throws Exception {
        try {
            if (smiths != null) smiths.close();
            if (router != null) router.close();
        } finally {
            if (lab != null) lab.close();
        }
    }

    @Test
    void aRouterThatRebootsAndAnnouncesItHasTheSitesMappingsBackWithinSecondsNotAtTheNextRenewal() throws Exception {
        smiths = SiteProcess.init(Files.createDirectories(work.resolve("sites")), "theSmiths");
        lab = NetworkLab.create();
        Network internet = lab.network("inet", "11.250.42.0/24");
        Nat nat = lab.nat("nata", internet, "11.250.42.12", "10.1.0.0/24");
        Host smithsHost = lab.hostBehind("smiths", nat);
        router = MiniUpnpd.startAsARouterThatReboots(nat, Files.createDirectories(work.resolve("router")));

        smiths.set("port-mapping", "on");
        smiths.startOn(smithsHost);
        smiths.awaitStatusLine("Port mapping: router mapped 11.250.42.12:5070 to this site by PCP, renewed ", UP, router::log);
        List<String> mapped = router.forwards();
        assertThat(forwardsBoth(mapped)).as("TCP and UDP 5070 forwarded: " + mapped + "\n" + router.log()).isTrue();

        router.stopLosingItsMappings();
        assertThat(router.forwards()).as("the reboot lost the forwards").isEmpty();
        router.startAgain();
        long restarted = System.nanoTime();
        try {
            Awaitility.await("theSmiths's port 5070 forwarded again").atMost(BACK_WITHIN).pollInterval(Duration.ofMillis(200))
                    .until(() -> forwardsBoth(router.forwards()));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("forwards now: " + router.forwards() + "\n" + router.log() + "\n" + smiths.status(), e);
        }
        Duration back = Duration.ofNanos(System.nanoTime() - restarted);
        System.out.println("RouterRestartIT: mappings back " + back.toMillis() + " ms after miniupnpd restarted");
        assertThat(smiths.status()).contains("Port mapping: router mapped 11.250.42.12:5070 to this site by PCP, renewed ");
        List<String> heard = Files.readAllLines(smiths.log()).stream().filter(line -> line.contains("lost its mappings")).toList();
        assertThat(heard).as("the site heard the router's ANNOUNCE, rather than renewing by chance").isNotEmpty();
        System.out.println("RouterRestartIT: " + heard.get(0));
    }

    private static boolean forwardsBoth(List<String> rules) {
        return rules.stream().anyMatch(rule -> rule.contains("-p tcp") && rule.contains("--dport 5070"))
                && rules.stream().anyMatch(rule -> rule.contains("-p udp") && rule.contains("--dport 5070"));
    }
}
