package org.sipsocial.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sipsocial.testkit.Sipp;
import org.sipsocial.testkit.SippScenarios;
import org.sipsocial.link.relay.TlsRecordTap;
import org.sipsocial.testkit.netlab.CapturedPackets;
import org.sipsocial.testkit.netlab.Host;
import org.sipsocial.testkit.netlab.Nat;
import org.sipsocial.testkit.netlab.NetworkLab;
import org.sipsocial.testkit.netlab.PacketCapture;

/**
 * Issue 15's relay, with sites as separate processes: theSmiths and theJoneses each behind a NAT that changes
 * ports ({@code MASQUERADE --random-fully}), so neither can dial the other, and theBrowns public, linked with both.
 * While theBrowns's administrator has not turned relaying on, both say why the link cannot come up and what would
 * fix it; once {@code relay = on} with both on {@code relay-allow}, the link of theSmiths and theJoneses comes up
 * through theBrowns, says so on both sides and on theBrowns, and carries a call.
 *
 * <p>What theBrowns sees of it is checked twice. On its wire (tcpdump on its interface, from before it starts, so
 * that every connection is there from its first byte): TLS records and nothing else on every TCP connection with
 * either NAT, at least as many bytes as it relayed, and no SIP in the clear anywhere. That shows what an observer of
 * the relay's network sees, but not what the relay itself sees: the ends reach the relay inside its own TLS, so a
 * relay that forwarded plain SIP would look the same on its wire. So theBrowns also runs with the JDK's TLS
 * writing out the plaintext of every record it decrypts ({@link DecryptedByTheSite}): there, under its own TLS,
 * theSmiths's relay request is in the clear, and the call's requests and SDP are nowhere, because they crossed
 * inside the TLS that theSmiths and theJoneses run end to end.
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
    private static final String FIX = "this site's NAT changes ports";

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
        List<SiteProcess> all = SiteProcess.initAll(Files.createDirectories(work.resolve("sites")),
                "theSmiths", "theJoneses", "theBrowns");
        smiths = all.get(0);
        joneses = all.get(1);
        browns = all.get(2);

        lab = NetworkLab.create();
        TwoHomes homes = TwoHomes.in(lab, "203.0.113.0/24", "203.0.113.1", Nat.Ports.RANDOM, "203.0.113.2", Nat.Ports.RANDOM);
        Nat nata = homes.nata();
        Nat natb = homes.natb();
        Host smithsHost = homes.smiths();
        Host jonesesHost = homes.joneses();
        Host brownsHost = lab.host("browns", homes.internet(), "203.0.113.30");

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
        // Neither router maps ports and no site relays: each side says so plainly, with what would fix it.
        String refused = smiths.awaitStatus(joneses, UP, "the relay's refusal",
                line -> line.contains("relay through theBrowns refused"));
        assertThat(refused).contains("relay through theBrowns refused: theBrowns does not relay (relay = off)")
                .doesNotContain("connected");
        assertThat(smiths.awaitStatus(joneses, UP, "the fix for a NAT that changes ports", line -> line.contains(FIX)))
                .startsWith("theJoneses: timeout: no answer from 203.0.113.2:5070").contains(fixFor("theJoneses"));
        assertThat(joneses.awaitStatus(smiths, UP, "the fix for a NAT that changes ports", line -> line.contains(FIX)))
                .startsWith("theSmiths: timeout: no answer from 203.0.113.1:5070").contains(fixFor("theSmiths"))
                .doesNotContain("connected");

        // theBrowns's administrator allows relaying between the two.
        browns.stop();
        browns.set("relay", "on");
        browns.set("relay-allow", "theSmiths, theJoneses");
        // What theBrowns sees from here on: on its wire (a capture on its interface, every connection from its
        // first byte) and under its own TLS (the plaintext of every record it decrypts).
        browns.javaOptions(DecryptedByTheSite.JAVA_OPTION);
        try (PacketCapture relayWire = PacketCapture.of(brownsHost, "eth0", work.resolve("theBrowns-eth0.pcap"))) {
            browns.startOn(brownsHost);
            relayAndCall(smithsHost, jonesesHost);
            relayWire.stop();
            CapturedPackets wire = CapturedPackets.read(relayWire.file());
            double relayed = browns.metric("sipsocial_relay_bytes_total");
            for (Nat nat : List.of(nata, natb)) {
                assertTheWireCarriedOnlyTls(wire, brownsHost.address(), nat.wanAddress(), relayed);
            }
            for (String clear : List.of("SIP/2.0", "INVITE sip:", "Call-ID")) {
                assertThat(wire.placesHolding(clear)).as("\"%s\" in the clear on theBrowns's wire", clear).isEmpty();
            }
        }
        assertTheRelaySawNoSip(DecryptedByTheSite.readFrom(browns.log()));
    }

    /**
     * theBrowns relays the link of theSmiths and theJoneses, and a call from alice@theSmiths to bob@theJoneses
     * crosses it.
     */
    private void relayAndCall(Host smithsHost, Host jonesesHost) throws IOException {
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

    /**
     * Between theBrowns and {@code nat}, every TCP connection the capture holds from its first byte carried TLS
     * records (RFC 8446 §5.1) and nothing else, both ways: at least two of them (theBrowns's own link with the site
     * behind {@code nat}, and the relayed link's leg), and at least the {@code relayed} bytes theBrowns forwarded
     * (each crossed both NATs' wires once, inside theBrowns's TLS).
     */
    private static void assertTheWireCarriedOnlyTls(CapturedPackets wire, String relay, String nat, double relayed) {
        List<CapturedPackets.Direction> connections = wire.tcpConnectionsFromTheirStart().stream()
                .filter(d -> d.source().equals(relay) && d.destination().equals(nat)
                        || d.source().equals(nat) && d.destination().equals(relay))
                .toList();
        assertThat(connections.stream().filter(d -> d.bytes().length > 0).map(CapturedPackets.Direction::stream).distinct())
                .as("connections between theBrowns and %s that carried bytes", nat).hasSizeGreaterThanOrEqualTo(2);
        for (CapturedPackets.Direction d : connections) {
            TlsRecordTap records = new TlsRecordTap();
            assertThat(records.feed(d.bytes(), 0, d.bytes().length)).as("%s is TLS records from its first byte", d)
                    .isTrue();
        }
        long onTheWire = wire.payloadBytesBetween("tcp", relay, nat);
        System.out.printf("RelayThroughATrustedSiteIT: %d TCP payload bytes between theBrowns and %s, in %d connections"
                + " from their start; theBrowns relayed %.0f bytes%n", onTheWire, nat,
                connections.stream().map(CapturedPackets.Direction::stream).distinct().count(), relayed);
        assertThat(onTheWire).as("TCP payload bytes between theBrowns and %s", nat).isGreaterThanOrEqualTo((long) relayed);
    }

    /**
     * Under its own TLS, theBrowns saw the relay request of theSmiths (SIP-like link messages, in the clear once its
     * TLS is off) but none of the call's SIP: its requests and SDP crossed inside the TLS that theSmiths and
     * theJoneses run end to end. A relay that forwarded plain SIP (no TLS end to end) would show them here; on the
     * wire, its own TLS would hide them.
     */
    private static void assertTheRelaySawNoSip(DecryptedByTheSite relaySaw) {
        assertThat(relaySaw.records()).as("records theBrowns decrypted").isGreaterThan(10);
        assertThat(relaySaw.holds("Relay-To: theJoneses")).as("theSmiths's relay request, read by theBrowns").isTrue();
        // The call's own requests and SDP: theBrowns has the AORs anyway, from the directories of its own links.
        for (String call : List.of("INVITE sip:", "ACK sip:", "BYE sip:", "m=audio ")) {
            assertThat(relaySaw.holds(call)).as("\"%s\" in what theBrowns decrypted: %s", call, relaySaw.around(call))
                    .isFalse();
        }
    }

    private static String fixFor(String site) {
        return FIX + ", so " + site + " can reach it only if " + site + " is public or its router maps ports; to fix: "
                + "enable UPnP/NAT-PMP on the router (with port-mapping = on), forward the link port 5070 to this "
                + "machine, or relay through a site both trust (with relay = on and both sites on its relay-allow list)";
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

}
