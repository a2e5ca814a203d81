package org.sipsocial.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
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
import org.awaitility.Awaitility;
import org.sipsocial.testkit.Baresip;
import org.sipsocial.testkit.Sipp;
import org.sipsocial.testkit.SippScenarios;
import org.sipsocial.testkit.netlab.Host;
import org.sipsocial.testkit.netlab.Nat;
import org.sipsocial.testkit.netlab.Network;
import org.sipsocial.testkit.netlab.PacketCapture;
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
    /** A Linux router's SYN_SENT conntrack lifetime (120 s) and one dial's patience (15 s), with a margin. */
    private static final Duration UP_AFTER_OUTAGE = Duration.ofSeconds(150);
    private static final Duration PHONE_LIMIT = Duration.ofSeconds(30);

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
        assertThat(smiths.awaitConnected(joneses, UP)).contains("seen from " + smithsHost.publicAddress() + ":" + LINK_PORT + "; media: ");
        assertThat(joneses.awaitConnected(smiths, UP)).contains("seen from " + jonesesHost.publicAddress() + ":" + LINK_PORT + "; media: ");
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
        aliceAndBobHearEachOther(a, b);

        smiths.disconnect(joneses);
        joneses.awaitStatus(smiths, UP, "disconnected by theSmiths", line -> line.equals("theSmiths: disconnected by theSmiths"));
        assertThat(smiths.status(joneses)).isEqualTo("theJoneses: disconnected");
    }

    /**
     * Three sites, each its own process: each pair links, and a phone of one site calls a user of another;
     * removing a site from the list while running drops that link at once (the other side is told), leaves the
     * other two links alone, and takes its users out of reach (404).
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
        // Issue 10 with three processes: a phone of theSmiths calls a user of theBrowns over their link.
        smiths.addUser("alice", "alice-pw");
        browns.addUser("dan", "dan-pw");
        Path logs = work.resolve("phones");
        InetSocketAddress smithsSip = new InetSocketAddress(a.address(), 5060);
        Process dan = phone(logs.resolve("dan"), c, 5080).scenario(SippScenarios.scenario("answer.xml")).service("dan").start();
        register(logs.resolve("dan-registers"), c, new InetSocketAddress(c.address(), 5060), "dan", "dan-pw", "theBrowns", 5080);
        Sipp.Result call = phone(logs.resolve("alice"), a, 5090).remote(smithsSip).scenario(SippScenarios.scenario("call-across.xml"))
                .arg("-d", "200").injection(SippScenarios.credentials(logs, "alice", "alice-pw", "theSmiths", "dan;theBrowns")).run();
        Sipp.Result answered = Sipp.await(dan, logs.resolve("dan"), PHONE_LIMIT);
        assertThat(call.allCallsSucceeded()).as(call.describe()).isTrue();
        assertThat(answered.allCallsSucceeded()).as(answered.describe()).isTrue();

        Host.Result removed = smiths.cli("site", "remove", "theBrowns");
        assertThat(removed.exitCode()).as(removed.describe()).isZero();
        browns.awaitStatus(smiths, UP, "disconnected by theSmiths", line -> line.equals("theSmiths: disconnected by theSmiths"));
        // No link line, seen-from or refusal names theBrowns any more (the log of events may).
        assertThat(smiths.cli("status").stdout().lines().filter(line -> !line.startsWith("Latest event: ")))
                .noneMatch(line -> line.contains("theBrowns"));
        assertThat(smiths.status(joneses)).contains(": connected since ");
        assertThat(joneses.status(browns)).contains(": connected since ");
        assertThat(browns.status(joneses)).contains(": connected since ");

        // theBrowns is no longer on theSmiths's list: its users are not there to be called.
        Sipp.Result refused = phone(logs.resolve("alice-again"), a, 5091).remote(smithsSip)
                .scenario(SippScenarios.scenario("call-refused.xml"))
                .injection(SippScenarios.credentials(logs.resolve("again"), "alice", "alice-pw", "theSmiths", "dan;theBrowns")).run();
        assertThat(refused.allCallsSucceeded()).as(refused.describe()).isTrue();
        assertThat(Files.readString(logs.resolve("alice-again").resolve("messages.log")))
                .contains("SIP/2.0 404 Not Found (theBrowns is not a connected site)");
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
        aliceHoldsAndResumesAndTheyHearEachOtherAfterwards(a, b);
    }

    /**
     * Issue 11's hold and resume: alice's baresip puts the call on hold (a re-INVITE with a=sendonly through both
     * sites and the link) after about 6 s, and resumes it 3 s later; the relays keep the call's legs. Each phone
     * hears the other's tone before the hold, and after the resume the relays of both sites carry media to their
     * phones again at the full rate. (baresip 1.0's recorder stops at a hold and does not start again, so the
     * relays' counters, not the recordings, show what came after the resume.)
     */
    private void aliceHoldsAndResumesAndTheyHearEachOtherAfterwards(Host a, Host b) throws Exception {
        smiths.addUser("alice", "alice-pw");
        joneses.addUser("bob", "bob-pw");
        Path logs = Files.createDirectories(work.resolve("hold"));
        Baresip bobsPhone = TonePhones.bobAnswering(logs, b, 26);
        Baresip alicesPhone = TonePhones.aliceCallingBob(logs, a, 20, 5099);
        Awaitility.await("the call").atMost(PHONE_LIMIT).pollInterval(Duration.ofMillis(100))
                .until(() -> alicesPhone.log().contains("Call established"));
        Thread.sleep(6_000);
        alicesPhone.command("hold");
        Thread.sleep(3_000);
        alicesPhone.command("resume");
        String toPhone = "sipsocial_media_packets_total{direction=\"to_phone\"}";
        double[] atResume = {smiths.metric(toPhone), joneses.metric(toPhone)};
        Thread.sleep(4_000);
        double[] fourSecondsLater = {smiths.metric(toPhone), joneses.metric(toPhone)};
        alicesPhone.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        bobsPhone.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(bobsPhone.log()).as("bob's phone saw the hold; log:%n%s", bobsPhone.log()).contains("a=sendonly");
        assertThat(alicesPhone.log()).as("alice's phone resumed; log:%n%s", alicesPhone.log()).contains("call: resume");
        TonePhones.assertHeardEachOther(alicesPhone, bobsPhone, 3.0);
        // 50 packets a second each way: 4 s after the resume, well over 100 have reached each phone.
        assertThat(fourSecondsLater[0] - atResume[0]).as("packets to alice after the resume").isGreaterThan(100);
        assertThat(fourSecondsLater[1] - atResume[1]).as("packets to bob after the resume").isGreaterThan(100);
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

    /**
     * Issues 10 and 11 behind two NATs: a phone of theSmiths (SIPp on theSmiths's LAN) calls a user of theJoneses,
     * whose phone (SIPp on theJoneses's LAN) answers, through both sites and the one link between them; then the
     * other way round, a message; then two baresip softphones talk, a tone each way, the media through both sites'
     * relays and both NATs. The phones only ever talk to their own site.
     */
    @Test
    void behindTwoNatsAPhoneOfEachSiteReachesAUserOfTheOtherAndTheyHearEachOther() throws Exception {
        Host a = lab.hostBehind("smiths", natA());
        Host b = lab.hostBehind("joneses", natB());
        // SIPp answers the first challenge with MD5 whatever it names.
        smiths.set("digest-algorithms", "MD5");
        joneses.set("digest-algorithms", "MD5");
        linkByBothPressingConnect(a, b);
        smiths.addUser("alice", "alice-pw");
        joneses.addUser("bob", "bob-pw");
        Path logs = work.resolve("phones");
        InetSocketAddress smithsSip = new InetSocketAddress(a.address(), 5060);
        InetSocketAddress jonesesSip = new InetSocketAddress(b.address(), 5060);

        Process bob = phone(logs.resolve("bob"), b, 5080).scenario(SippScenarios.scenario("answer.xml")).service("bob").start();
        register(logs.resolve("bob-registers"), b, jonesesSip, "bob", "bob-pw", "theJoneses", 5080);
        Sipp.Result call = phone(logs.resolve("alice"), a, 5090).remote(smithsSip).scenario(SippScenarios.scenario("call-across.xml"))
                .arg("-d", "200").injection(SippScenarios.credentials(logs, "alice", "alice-pw", "theSmiths", "bob;theJoneses")).run();
        Sipp.Result answered = Sipp.await(bob, logs.resolve("bob"), PHONE_LIMIT);
        assertThat(call.allCallsSucceeded()).as(call.describe()).isTrue();
        assertThat(answered.allCallsSucceeded()).as(answered.describe()).isTrue();

        Process alice = phone(logs.resolve("alice-inbox"), a, 5090).scenario(SippScenarios.scenario("receive-message.xml"))
                .service("alice").start();
        Sipp.Result sent = phone(logs.resolve("bob-writes"), b, 5081).remote(jonesesSip)
                .scenario(SippScenarios.scenario("message-across.xml"))
                .injection(SippScenarios.credentials(logs, "bob", "bob-pw", "theJoneses", "alice;theSmiths")).run();
        Sipp.Result received = Sipp.await(alice, logs.resolve("alice-inbox"), PHONE_LIMIT);
        assertThat(sent.allCallsSucceeded()).as(sent.describe()).isTrue();
        assertThat(received.allCallsSucceeded()).as(received.describe()).isTrue();

        // Voice (issue 11): baresip on each LAN, a tone each way through both relays and both NATs, SRTP between.
        Baresip bobsPhone = TonePhones.bobAnswering(logs, b, 16);
        byte[] between;
        byte[] onTheSmithsLan;
        try (PacketCapture internetWire = PacketCapture.of(internet, logs.resolve("internet.pcap"));
             PacketCapture smithsLoopback = PacketCapture.of(a, "lo", logs.resolve("smiths-lo.pcap"))) {
            Baresip alicesPhone = TonePhones.aliceCallingBob(logs, a, 10, 0);
            alicesPhone.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            bobsPhone.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            between = internetWire.stop();
            onTheSmithsLan = smithsLoopback.stop();
            TonePhones.assertHeardEachOther(alicesPhone, bobsPhone, 3.0);
        }
        // Alice's 1 kHz tone repeats every 8 samples: in clear G.711 that is a periodic run of bytes. It is on
        // theSmiths's LAN (phone to relay), and nowhere between the sites, where only TLS and SRTP pass.
        assertThat(PacketCapture.hasPeriodicRun(onTheSmithsLan, 8, 10)).as("the tone in clear RTP on the LAN").isTrue();
        assertThat(between.length).as("bytes captured between the sites").isGreaterThan(100_000);
        assertThat(PacketCapture.hasPeriodicRun(between, 8, 10)).as("the tone in clear between the sites").isFalse();
        String wire = new String(between, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(wire).as("private addresses or SIP in clear between the sites").doesNotContain("10.1.0.")
                .doesNotContain("10.2.0.").doesNotContain("SIP/2.0");
    }

    /**
     * Issue 11's fallback behind two NATs: theSmiths's router lets no UDP through, so the relays' media path starts
     * inside the link and a call has audio anyway; mid-call UDP comes back and the path turns direct; then UDP is
     * blocked again and the media moves back into the link. The call never drops, and each phone hears the
     * other's tone through all three.
     */
    @Test
    void behindTwoNatsMediaGoesInsideTheLinkWhileUdpIsBlockedAndMovesMidCallAsUdpComesAndGoes() throws Exception {
        Nat natA = natA();
        Host a = lab.hostBehind("smiths", natA);
        Host b = lab.hostBehind("joneses", natB());
        natA.blockUdp();
        linkByBothPressingConnect(a, b);
        smiths.addUser("alice", "alice-pw");
        joneses.addUser("bob", "bob-pw");
        Awaitility.await("media inside the link").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                .until(() -> smiths.status(joneses).contains("; media: inside the link (")
                        && joneses.status(smiths).contains("; media: inside the link ("));
        Path logs = Files.createDirectories(work.resolve("phones"));
        Baresip bobsPhone = TonePhones.bobAnswering(logs, b, 30);
        Baresip alicesPhone = TonePhones.aliceCallingBob(logs, a, 22, 0);
        Awaitility.await("the call").atMost(PHONE_LIMIT).pollInterval(Duration.ofMillis(200))
                .until(() -> alicesPhone.log().contains("Call established"));
        Thread.sleep(5_000);
        natA.allowUdp();
        String direct = smiths.awaitStatus(joneses, Duration.ofSeconds(6), "media over direct UDP",
                line -> line.contains("; media: direct UDP with 203.0.113.2:"));
        Thread.sleep(4_000);
        natA.blockUdp();
        smiths.awaitStatus(joneses, Duration.ofSeconds(8), "media back inside the link",
                line -> line.contains("; media: inside the link (no UDP path: no answer to 3 probes"));
        alicesPhone.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        bobsPhone.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(direct).as("the NAT keeps the relay's port").endsWith(":" + LINK_PORT);
        assertThat(alicesPhone.log()).as(alicesPhone.log()).contains("Call established");
        // 22 s of call: about 5 inside the link, 4 or 5 over UDP, up to 4 lost while the dead path is noticed,
        // and the rest inside the link again.
        assertThat(bobsPhone.secondsHeard(TonePhones.ALICE_HERTZ)).as("seconds of alice's tone bob heard; log:%n%s", bobsPhone.log())
                .isGreaterThanOrEqualTo(12.0);
        assertThat(alicesPhone.secondsHeard(TonePhones.BOB_HERTZ)).as("seconds of bob's tone alice heard; log:%n%s", alicesPhone.log())
                .isGreaterThanOrEqualTo(12.0);
    }

    /**
     * Issue 15's move of a relayed link to a direct path, mid-call. Behind two home routers that keep ports but
     * drop what nobody asked for, theSmiths's administrator alone presses Connect: its dial gets no answer, so the
     * link comes up through theBrowns (public, linked with both, relaying for both). Its relays have no UDP path
     * (the link is relayed and neither router maps ports), so a call's media goes inside the link. While the link
     * is relayed each side dials directly again after a minute; both dials cross (from the link port, through
     * routers that keep it), and the direct link replaces the relayed one without either side seeing the link go
     * down. The relays then learn where the direct link sees the other site, punch UDP through both routers there,
     * and the call's media moves to UDP. The call never drops: each phone goes on hearing the other after the move.
     *
     * <pre>
     *   10.1.0.2 theSmiths ── natA 203.0.113.1 ──┐
     *   10.2.0.2 theJoneses ─ natB 203.0.113.2 ──┼── internet 203.0.113.0/24
     *                   203.0.113.30 theBrowns ──┘
     * </pre>
     */
    @Test
    void behindTwoNatsACallOnALinkRelayedThroughAThirdSiteKeepsItsAudioWhenTheLinkMovesToADirectPathAndItsMediaToUdp()
            throws Exception {
        Host a = lab.hostBehind("smiths", natA());
        Host b = lab.hostBehind("joneses", natB());
        Host c = lab.host("browns", internet, "203.0.113.30");
        exchange(a, b);
        smiths.add(browns, c.publicAddress() + ":" + LINK_PORT);
        joneses.add(browns, c.publicAddress() + ":" + LINK_PORT);
        browns.add(smiths, a.publicAddress() + ":" + LINK_PORT);
        browns.add(joneses, b.publicAddress() + ":" + LINK_PORT);
        browns.set("relay", "on");
        browns.set("relay-allow", "theSmiths, theJoneses");
        CompletableFuture<Void> third = CompletableFuture.runAsync(() -> startQuietly(browns, c));
        start(a, b);
        third.join();
        smiths.connect(browns);
        joneses.connect(browns);
        smiths.awaitConnected(browns, UP);
        joneses.awaitConnected(browns, UP);

        smiths.connect(joneses);
        // The relays have swapped their offers: the relayed link gives them nowhere to try UDP.
        smiths.awaitStatus(joneses, UP, "connected through theBrowns, its media inside the link",
                line -> line.startsWith("theJoneses: connected through theBrowns since ") && line.endsWith("; media: "
                        + "inside the link (no UDP path: the link is relayed, and the other site's router mapped no UDP "
                        + "port for media)"));
        long relayedAt = System.nanoTime();
        joneses.awaitStatus(smiths, UP, "connected through theBrowns",
                line -> line.startsWith("theSmiths: connected through theBrowns since "));

        // A call long enough to outlast the relayed link (a direct dial is tried a minute after it came up).
        smiths.addUser("alice", "alice-pw");
        joneses.addUser("bob", "bob-pw");
        Path logs = Files.createDirectories(work.resolve("phones"));
        Baresip bobsPhone = TonePhones.bobAnswering(logs, b, 96);
        Baresip alicesPhone = TonePhones.aliceCallingBob(logs, a, 90, 0);
        Awaitility.await("the call").atMost(PHONE_LIMIT).pollInterval(Duration.ofMillis(200))
                .until(() -> alicesPhone.log().contains("Call established"));
        long established = System.nanoTime();
        assertThat(smiths.status(joneses)).as("the call started on the relayed link")
                .startsWith("theJoneses: connected through theBrowns since ");

        String moved = smiths.awaitStatus(joneses, Duration.ofSeconds(90), "connected directly",
                line -> line.startsWith("theJoneses: connected since "));
        System.out.printf("SitesAcrossNetworksIT: the relayed link moved to a direct path %d ms after it came up "
                + "(status polled each second)%n", (System.nanoTime() - relayedAt) / 1_000_000);
        assertThat(moved).doesNotContain("through");
        String inTheLink = metricOfPath("sent", "link");
        double[] linkBeforeUdp = {smiths.metric(inTheLink.formatted("thejoneses")), joneses.metric(inTheLink.formatted("thesmiths"))};
        assertThat(linkBeforeUdp[0]).as("packets theSmiths's relay sent inside the link while it was relayed").isGreaterThan(100);
        assertThat(linkBeforeUdp[1]).as("packets theJoneses's relay sent inside the link while it was relayed").isGreaterThan(100);
        smiths.awaitStatus(joneses, Duration.ofSeconds(15), "media over direct UDP",
                line -> line.contains("; media: direct UDP with " + b.publicAddress() + ":" + LINK_PORT));
        joneses.awaitStatus(smiths, Duration.ofSeconds(15), "media over direct UDP",
                line -> line.contains("; media: direct UDP with " + a.publicAddress() + ":" + LINK_PORT));
        double secondsBeforeUdp = (System.nanoTime() - established) / 1e9;
        String onUdp = metricOfPath("sent", "udp");
        String toPhone = "sipsocial_media_packets_total{direction=\"to_phone\"}";
        double[] atUdp = {smiths.metric(onUdp.formatted("thejoneses")), joneses.metric(onUdp.formatted("thesmiths")),
                smiths.metric(toPhone), joneses.metric(toPhone)};
        Awaitility.await("theBrowns relays nothing").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> browns.metric("sipsocial_relay_links") == 0.0);
        Thread.sleep(5_000);
        double[] fiveSecondsLater = {smiths.metric(onUdp.formatted("thejoneses")), joneses.metric(onUdp.formatted("thesmiths")),
                smiths.metric(toPhone), joneses.metric(toPhone)};
        alicesPhone.process().waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
        bobsPhone.process().waitFor(60, java.util.concurrent.TimeUnit.SECONDS);

        // 50 packets a second each way: after the move, each relay sends the other well over 100 in 5 s on UDP, and
        // each delivers as many to its phone; and each phone heard the other's tone well past the move.
        String[] what = {"theSmiths's relay to theJoneses's on UDP", "theJoneses's relay to theSmiths's on UDP",
                "theSmiths's relay to alice", "theJoneses's relay to bob"};
        for (int i = 0; i < what.length; i++) {
            assertThat(fiveSecondsLater[i] - atUdp[i]).as("packets from %s in the 5 s after the move", what[i])
                    .isGreaterThan(100);
        }
        assertThat(Files.readString(smiths.log())).as("theSmiths ended no call with theJoneses")
                .doesNotContain("the link with theJoneses went");
        assertThat(Files.readString(joneses.log())).as("theJoneses ended no call with theSmiths")
                .doesNotContain("the link with theSmiths went");
        System.out.printf("SitesAcrossNetworksIT: media on UDP %.1f s into the call; heard: bob %.1f s of alice, alice "
                + "%.1f s of bob%n", secondsBeforeUdp, bobsPhone.secondsHeard(TonePhones.ALICE_HERTZ),
                alicesPhone.secondsHeard(TonePhones.BOB_HERTZ));
        TonePhones.assertHeardEachOther(alicesPhone, bobsPhone, secondsBeforeUdp + 10);
    }

    /**
     * The name of a relay's counter of media path packets ({@code direction}, {@code via}), with the other site's key
     * (its name in lower case) to fill in.
     */
    private static String metricOfPath(String direction, String via) {
        return "sipsocial_media_path_packets_total{direction=\"" + direction + "\",site=\"%s\",via=\"" + via + "\"}";
    }

    /**
     * Issue 11 in any configuration: alice of theSmiths (baresip on {@code a}) calls bob of theJoneses (baresip on
     * {@code b}), each playing a tone the other must hear, through both relays and their media path.
     */
    private void aliceAndBobHearEachOther(Host a, Host b) throws Exception {
        smiths.addUser("alice", "alice-pw");
        joneses.addUser("bob", "bob-pw");
        Path logs = Files.createDirectories(work.resolve("voice"));
        Baresip bobsPhone = TonePhones.bobAnswering(logs, b, 14);
        Baresip alicesPhone = TonePhones.aliceCallingBob(logs, a, 8, 0);
        alicesPhone.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        bobsPhone.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        TonePhones.assertHeardEachOther(alicesPhone, bobsPhone, 3.0);
    }

    /** A SIPp phone on {@code host}'s LAN, at its address and {@code port}, over UDP. */
    private static Sipp phone(Path logs, Host host, int port) {
        return Sipp.in(logs).inNamespace(host.namespace()).transport(Sipp.Transport.UDP).local(host.address(), port)
                .calls(1).limit(PHONE_LIMIT);
    }

    private static void register(Path logs, Host host, InetSocketAddress site, String user, String password, String siteName,
            int contactPort) {
        Sipp.Result registered = phone(logs, host, contactPort + 100).remote(site).scenario(SippScenarios.scenario("register.xml"))
                .injection(SippScenarios.credentials(logs, user, password, siteName, Integer.toString(contactPort))).run();
        assertThat(registered.allCallsSucceeded()).as(registered.describe()).isTrue();
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
        aliceAndBobHearEachOther(a, b);
    }

    /**
     * A 30-second outage of the internet, with both NATs' mappings lost: the status says the link is lost
     * meanwhile, and the link comes back on its own after the network's return, usually within half a minute and
     * at worst within {@link #UP_AFTER_OUTAGE}. The keep-alive is 10 s here (site.properties link-keep-alive) so
     * that the loss is seen within the outage.
     *
     * <p>Why the worst case is longer than a fresh link's {@link #UP} (seen in about one run in five, with
     * captures on both routers): during the outage each router queues the SYNs of its site's dials while it
     * resolves the other router's address, and its ICMP "host unreachable" ends each dial after 3 s. When the
     * network returns, the first ARP exchange releases the other side's queued SYN, sent by a dial that is already
     * over, at the very moment this side's dial dies of that ICMP. The router's connection tracking (Linux
     * conntrack, SYN_SENT2) then holds two dead sequence numbers, judges every later SYN of either side out of
     * window, and forgets them only when the entry expires: 120 s after the first SYN that made it (SYN
     * retransmissions do not renew it), plus one dial's patience (15 s).
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

        assertThat(smiths.awaitConnected(joneses, UP_AFTER_OUTAGE)).contains("seen from " + a.publicAddress() + ":" + LINK_PORT);
        assertThat(joneses.awaitConnected(smiths, UP_AFTER_OUTAGE)).contains("seen from " + b.publicAddress() + ":" + LINK_PORT);
    }
}
