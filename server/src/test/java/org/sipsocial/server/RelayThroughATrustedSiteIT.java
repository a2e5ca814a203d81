package org.sipsocial.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sipsocial.testkit.Sipp;
import org.sipsocial.testkit.SippScenarios;
import org.sipsocial.testkit.netlab.Host;
import org.sipsocial.testkit.netlab.Nat;
import org.sipsocial.testkit.netlab.Network;
import org.sipsocial.testkit.netlab.NetworkLab;

/**
 * Issue 15's relay, with sites as separate processes: theSmiths and theJoneses each behind a NAT that changes
 * ports ({@code MASQUERADE --random-fully}), so neither can dial the other, and theBrowns public, linked with both.
 * While theBrowns's administrator has not turned relaying on, theSmiths's status says why the relay did not help;
 * once {@code relay = on} with both on {@code relay-allow}, the link of theSmiths and theJoneses comes up through
 * theBrowns, says so on both sides and on theBrowns, and carries a call; theBrowns forwarded TLS records only.
 *
 * <pre>
 *   10.1.0.2 theSmiths ── nata 203.0.113.1 (random ports) ──┐
 *   10.2.0.2 theJoneses ── natb 203.0.113.2 (random ports) ──┼── internet 203.0.113.0/24
 *                                 203.0.113.30 theBrowns ────┘
 * </pre>
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class RelayThroughATrustedSiteIT {
    private static final int LINK_PORT = 5070;
    private static final Duration UP = Duration.ofSeconds(90);
    private static final Duration PHONE_LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path work;
    private NetworkLab lab;
    private SiteProcess smiths;
    private SiteProcess joneses;
    private SiteProcess browns;

    @AfterEach
    void tearDown() throws Exception {
        try {
            for (SiteProcess site : new SiteProcess[] {smiths, joneses, browns}) {
                if (site != null) site.close();
            }
        } finally {
            if (lab != null) lab.close();
        }
    }

    @Test
    void twoSitesBehindNatsThatChangePortsLinkThroughAThirdSiteThatRelaysOnlyOnceItsAdministratorAllowsIt()
            throws Exception {
        Path sites = Files.createDirectories(work.resolve("sites"));
        CompletableFuture<SiteProcess> initJoneses = CompletableFuture.supplyAsync(() -> init(sites, "theJoneses"));
        CompletableFuture<SiteProcess> initBrowns = CompletableFuture.supplyAsync(() -> init(sites, "theBrowns"));
        smiths = SiteProcess.init(sites, "theSmiths");
        joneses = initJoneses.join();
        browns = initBrowns.join();

        lab = NetworkLab.create();
        Network internet = lab.network("inet", "203.0.113.0/24");
        Nat nata = lab.nat("nata", internet, "203.0.113.1", "10.1.0.0/24", Nat.Ports.RANDOM);
        Nat natb = lab.nat("natb", internet, "203.0.113.2", "10.2.0.0/24", Nat.Ports.RANDOM);
        Host smithsHost = lab.hostBehind("smiths", nata);
        Host jonesesHost = lab.hostBehind("joneses", natb);
        Host brownsHost = lab.host("browns", internet, "203.0.113.30");

        smiths.add(browns, brownsHost.address() + ":" + LINK_PORT);
        smiths.add(joneses, natb.wanAddress() + ":" + LINK_PORT);
        joneses.add(browns, brownsHost.address() + ":" + LINK_PORT);
        joneses.add(smiths, nata.wanAddress() + ":" + LINK_PORT);
        browns.add(smiths, nata.wanAddress() + ":" + LINK_PORT);
        browns.add(joneses, natb.wanAddress() + ":" + LINK_PORT);
        for (SiteProcess site : List.of(smiths, joneses, browns)) {
            site.set("port-mapping", "off");
            // SIPp answers the first challenge with MD5 whatever it names.
            site.set("digest-algorithms", "MD5");
        }
        browns.startOn(brownsHost);
        joneses.startOn(jonesesHost);
        smiths.startOn(smithsHost);
        smiths.connect(browns);
        joneses.connect(browns);
        assertThat(smiths.awaitConnected(browns, UP)).contains("initiated by theSmiths");
        assertThat(joneses.awaitConnected(browns, UP)).contains("initiated by theJoneses");

        // theBrowns relays nothing by default: theSmiths's status says so after the direct dial's failure.
        smiths.connect(joneses);
        joneses.connect(smiths);
        String refused = smiths.awaitStatus(joneses, UP, "the relay's refusal",
                line -> line.contains("relay through theBrowns refused"));
        assertThat(refused).contains("relay through theBrowns refused: theBrowns does not relay (relay = off)")
                .doesNotContain("connected");

        // theBrowns's administrator allows relaying between the two.
        browns.stop();
        browns.set("relay", "on");
        browns.set("relay-allow", "theSmiths, theJoneses");
        browns.startOn(brownsHost);
        smiths.awaitConnected(browns, UP);
        joneses.awaitConnected(browns, UP);
        long pressed = System.nanoTime();
        smiths.connect(joneses);
        String relayed = smiths.awaitStatus(joneses, UP, "connected through theBrowns",
                line -> line.startsWith("theJoneses: connected through theBrowns since "));
        System.out.printf("RelayThroughATrustedSiteIT: the relayed link was up %d ms after Connect (status polled each second)%n",
                (System.nanoTime() - pressed) / 1_000_000);
        assertThat(relayed).doesNotContain("seen from");
        joneses.awaitStatus(smiths, UP, "connected through theBrowns",
                line -> line.startsWith("theSmiths: connected through theBrowns since "));
        assertThat(browns.status(smiths)).contains("relaying its link with theJoneses since ");
        assertThat(browns.metric("sipsocial_relay_links")).isEqualTo(1.0);

        // A call from alice@theSmiths to bob@theJoneses crosses the relayed link.
        smiths.addUser("alice", "alice-pw");
        joneses.addUser("bob", "bob-pw");
        Path logs = Files.createDirectories(work.resolve("phones"));
        InetSocketAddress smithsSip = new InetSocketAddress(smithsHost.address(), 5060);
        InetSocketAddress jonesesSip = new InetSocketAddress(jonesesHost.address(), 5060);
        Process bob = phone(logs.resolve("bob"), jonesesHost, 5080).scenario(SippScenarios.scenario("answer.xml"))
                .service("bob").start();
        register(logs.resolve("bob-registers"), jonesesHost, jonesesSip, "bob", "bob-pw", "theJoneses", 5080);
        Sipp.Result call = phone(logs.resolve("alice"), smithsHost, 5090).remote(smithsSip)
                .scenario(SippScenarios.scenario("call-across.xml")).arg("-d", "200")
                .injection(SippScenarios.credentials(logs, "alice", "alice-pw", "theSmiths", "bob;theJoneses")).run();
        Sipp.Result answered = Sipp.await(bob, logs.resolve("bob"), PHONE_LIMIT);
        assertThat(call.allCallsSucceeded()).as(call.describe() + "\n" + smiths.logTail()).isTrue();
        assertThat(answered.allCallsSucceeded()).as(answered.describe()).isTrue();
        // What theBrowns forwarded between the two was the sites' own TLS, record by record, and nothing else.
        assertThat(browns.metric("sipsocial_relay_tls_records_total")).isGreaterThan(10.0);
        assertThat(browns.metric("sipsocial_relay_not_tls_total")).isZero();
        assertThat(browns.metric("sipsocial_relay_bytes_total")).isGreaterThan(2000.0);
        assertThat(smiths.status(joneses)).startsWith("theJoneses: connected through theBrowns since ");
    }

    /** A SIPp phone on {@code host}'s LAN, at its address and {@code port}, over UDP. */
    private static Sipp phone(Path logs, Host host, int port) {
        return Sipp.in(logs).inNamespace(host.namespace()).transport(Sipp.Transport.UDP).local(host.address(), port)
                .calls(1).limit(PHONE_LIMIT);
    }

    private static void register(Path logs, Host host, InetSocketAddress site, String user, String password,
                                 String siteName, int contactPort) {
        Sipp.Result registered = phone(logs, host, contactPort + 100).remote(site)
                .scenario(SippScenarios.scenario("register.xml"))
                .injection(SippScenarios.credentials(logs, user, password, siteName, Integer.toString(contactPort))).run();
        assertThat(registered.allCallsSucceeded()).as(registered.describe()).isTrue();
    }

    private static SiteProcess init(Path dir, String name) {
        try {
            return SiteProcess.init(dir, name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
