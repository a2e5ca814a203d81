package org.sipsocial.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipsocial.identity.Fingerprint;
import org.sipsocial.identity.SiteName;
import org.sipsocial.sip.message.SipParser;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.store.SiteSettings;
import org.sipsocial.testkit.SippScenarios;
import org.sipsocial.testkit.Baresip;
import org.sipsocial.testkit.FreePorts;
import org.sipsocial.testkit.Sipp;
import org.sipsocial.testkit.Tone;

/**
 * Calls and messages between two linked sites, each running in this JVM on its own loopback "LAN" address
 * (theSmiths on 127.0.1.1 with its phones on 127.0.1.50, theJoneses on 127.0.2.1 with its phones on
 * 127.0.2.50), with SIPp as every phone. Every message a site puts on its link is tapped after the link
 * boundary, and no test ends before that traffic has been scanned for the phones' addresses and ports.
 */
class CallsBetweenSitesTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final String SMITHS_LAN = "127.0.1.1";
    private static final String SMITHS_PHONES = "127.0.1.50";
    private static final String JONESES_LAN = "127.0.2.1";
    private static final String JONESES_PHONES = "127.0.2.50";
    private static final double ALICE_HERTZ = 1000;
    private static final double BOB_HERTZ = 600;
    /** Links keep alive every 5 s (the shortest allowed), so that a call can outlast a keep-alive interval. */
    private static final SiteSettings.LinkTiming KEEP_ALIVE_5_S = new SiteSettings.LinkTiming(Duration.ofMinutes(2),
            Duration.ofSeconds(5));

    @TempDir
    Path temp;
    private RunningSite smiths;
    private RunningSite joneses;
    private RunningSite browns;
    private final List<String> sentToBrowns = Collections.synchronizedList(new ArrayList<>());
    private final List<String> crossed = Collections.synchronizedList(new ArrayList<>());
    private final List<Integer> phonePorts = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void linkTwoSites() {
        smiths = RunningSite.start(temp, "theSmiths", Map.of("bob", "bob-pw", "dave", "dave-pw", "carol", "carol-pw", "erin",
                "erin-pw"), SMITHS_LAN, KEEP_ALIVE_5_S);
        joneses = RunningSite.start(temp, "theJoneses", Map.of("alice", "alice-pw"), JONESES_LAN, KEEP_ALIVE_5_S);
        smiths.runtime().sip().tapLinks((site, message) -> {
            crossed.add(message.toString());
            if (site.equals("theBrowns")) {
                sentToBrowns.add(message.toString());
            }
        });
        joneses.runtime().sip().tapLinks((site, message) -> crossed.add(message.toString()));
        addSite(smiths, joneses);
        addSite(joneses, smiths);
        smiths.administration().connect(SiteName.of("theJoneses"));
        joneses.administration().connect(SiteName.of("theSmiths"));
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() ->
                statusLine(smiths, "theJoneses").startsWith("connected") && statusLine(joneses, "theSmiths").startsWith("connected"));
    }

    /** Stops both sites, and leaves what crossed the links in target/link-traffic/ for a person to read. */
    @AfterEach
    void stopSites(org.junit.jupiter.api.TestInfo test) throws java.io.IOException {
        if (browns != null) {
            browns.close();
        }
        joneses.close();
        smiths.close();
        Path folder = Path.of("target", "link-traffic");
        java.nio.file.Files.createDirectories(folder);
        synchronized (crossed) {
            java.nio.file.Files.writeString(folder.resolve(test.getTestMethod().orElseThrow().getName() + ".txt"),
                    String.join("\n----\n", crossed));
        }
    }

    @Test
    void a_phone_on_one_site_calls_a_user_of_the_other_who_answers_and_the_caller_hangs_up() {
        call("call", smiths, "bob", "answer.xml", joneses, "alice", "call-across.xml");
        assertThat(crossedRequests()).contains("INVITE", "ACK", "BYE");
        assertNothingPrivateCrossed();
    }

    @Test
    void a_call_between_sites_is_put_on_hold_with_a_re_invite_gets_an_info_and_an_update_and_is_hung_up() {
        call("re-invite", smiths, "bob", "answer-with-reinvite.xml", joneses, "alice", "call-across-with-reinvite.xml");
        assertThat(crossedRequests().stream().filter("INVITE"::equals).count()).isEqualTo(2);
        assertThat(crossedRequests()).contains("INFO", "UPDATE", "BYE");
        assertNothingPrivateCrossed();
    }

    @Test
    void a_reliable_provisional_response_crosses_the_link_and_its_prack_follows_the_early_dialog() {
        call("prack", smiths, "bob", "answer-reliably.xml", joneses, "alice", "call-across-with-prack.xml");
        assertThat(crossedRequests()).contains("PRACK");
        assertThat(String.join("\n", crossed)).contains("RSeq: 1").contains("RAck: 1 4 INVITE");
        assertNothingPrivateCrossed();
    }

    @Test
    void a_phone_subscribes_to_a_user_of_the_other_site_and_gets_its_notify_back_along_the_dialog() {
        call("subscribe", smiths, "bob", "notify-subscriber.xml", joneses, "alice", "subscribe-across.xml");
        assertThat(crossedRequests()).contains("SUBSCRIBE", "NOTIFY");
        assertNothingPrivateCrossed();
    }

    @Test
    void an_established_call_between_sites_outlasts_a_keep_alive_interval_of_the_link() {
        call("long-call", smiths, "bob", "answer.xml", joneses, "alice", "call-across.xml", "-d", "7000");
        assertThat(statusLine(smiths, "theJoneses")).startsWith("connected");
    }

    /**
     * Voice between sites (issue 11): two baresip softphones on two linked sites, each playing its own tone; each
     * tone is recorded by the phone on the other site, through both sites' media relays and SRTP between them.
     */
    @Test
    void a_tone_played_by_a_phone_on_one_site_is_heard_by_a_phone_on_the_other_and_back() throws Exception {
        // The relays opened their one media path when the link came up, and it is direct UDP on loopback.
        await("a direct media path").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() ->
                statusLine(smiths, "theJoneses").endsWith("; media: direct UDP with " + JONESES_LAN + ":" + joneses.linkAddress().port())
                        && statusLine(joneses, "theSmiths").endsWith("; media: direct UDP with " + SMITHS_LAN + ":" + smiths.linkAddress().port()));
        Path aliceTone = Tone.write(temp.resolve("alice-tone.wav"), ALICE_HERTZ, 10);
        Path bobTone = Tone.write(temp.resolve("bob-tone.wav"), BOB_HERTZ, 14);
        Baresip bob = Baresip.phone(temp.resolve("baresip-bob"), "bob", "bob-pw", "theSmiths").registrar(smiths.sip())
                .sipPort(Baresip.freePortPair()).rtpPorts(32000).playing(bobTone).autoAnswer().seconds(14).start();
        await("bob's baresip registered").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() ->
                !smiths.runtime().sip().location().lookup("bob", java.time.Clock.systemUTC().instant()).isEmpty());
        Baresip alice = Baresip.phone(temp.resolve("baresip-alice"), "alice", "alice-pw", "theJoneses").registrar(joneses.sip())
                .sipPort(Baresip.freePortPair()).rtpPorts(33000).playing(aliceTone).seconds(8).commands("/dial sip:bob@theSmiths")
                .start();
        alice.process().waitFor(25, java.util.concurrent.TimeUnit.SECONDS);
        bob.process().waitFor(25, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(alice.log()).as(alice.log()).contains("Call established");
        assertThat(crossedRequests()).contains("INVITE", "ACK", "BYE");
        assertThat(bob.secondsHeard(ALICE_HERTZ)).as("seconds of alice's %s Hz tone bob heard; log:%n%s", ALICE_HERTZ, bob.log())
                .isGreaterThanOrEqualTo(3.0);
        assertThat(alice.secondsHeard(BOB_HERTZ)).as("seconds of bob's %s Hz tone alice heard; log:%n%s", BOB_HERTZ, alice.log())
                .isGreaterThanOrEqualTo(3.0);
        await("every relay port freed").atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(smiths.metrics()).contains("sipsocial_media_ports_in_use 0.0");
            assertThat(joneses.metrics()).contains("sipsocial_media_ports_in_use 0.0");
        });
    }


    /**
     * Issue 11's SRTP on the LAN: bob's baresip speaks TLS to its site and insists on SRTP (SDES); alice's is plain.
     * Bob's LAN leg is SRTP with keys of the relay's own (his key never crosses the link), alice's is RTP, the
     * link between them SRTP with keys of its own, and each hears the other's tone.
     */
    @Test
    void a_phone_that_insists_on_srtp_calls_a_plain_phone_on_the_other_site_and_they_hear_each_other() throws Exception {
        Baresip alice = Baresip.phone(temp.resolve("baresip-alice"), "alice", "alice-pw", "theJoneses").registrar(joneses.sip())
                .sipPort(Baresip.freePortPair()).rtpPorts(33000).playing(Tone.write(temp.resolve("alice-tone.wav"), ALICE_HERTZ, 14))
                .autoAnswer().seconds(14).start();
        await("alice's baresip registered").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() ->
                !joneses.runtime().sip().location().lookup("alice", java.time.Clock.systemUTC().instant()).isEmpty());
        Baresip bob = Baresip.phone(temp.resolve("baresip-bob"), "bob", "bob-pw", "theSmiths").registrar(smiths.sips())
                .transport("tls").cafile(smiths.certificate()).account(";mediaenc=srtp-mand").sipPort(Baresip.freePortPair())
                .rtpPorts(32000).playing(Tone.write(temp.resolve("bob-tone.wav"), BOB_HERTZ, 8)).seconds(8)
                .commands("/dial sip:alice@theJoneses").start();
        bob.process().waitFor(25, java.util.concurrent.TimeUnit.SECONDS);
        alice.process().waitFor(25, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(bob.log()).as(bob.log()).contains("Call established");
        assertThat(alice.secondsHeard(BOB_HERTZ)).as("seconds of bob's SRTP tone alice heard; log:%n%s", alice.log())
                .isGreaterThanOrEqualTo(3.0);
        assertThat(bob.secondsHeard(ALICE_HERTZ)).as("seconds of alice's tone bob heard over SRTP; log:%n%s", bob.log())
                .isGreaterThanOrEqualTo(3.0);
        String invite = crossed.stream().filter(m -> m.startsWith("INVITE ")).findFirst().orElseThrow();
        assertThat(invite).contains("RTP/SAVP").contains("AEAD_AES_128_GCM").doesNotContain("AES_CM_128_HMAC_SHA1_80");
        assertThat(smiths.metrics()).as("no SRTP packet failed").contains("sipsocial_media_srtp_failures_total 0.0");
    }

    @Test
    void the_callee_on_the_other_site_hangs_up_and_the_caller_gets_the_bye() {
        call("hang-up", joneses, "alice", "answer-and-hang-up.xml", smiths, "bob", "call-across-hung-up.xml");
        assertNothingPrivateCrossed();
    }

    @Test
    void a_call_across_the_link_is_cancelled_while_it_rings() {
        call("cancel", smiths, "bob", "ring-until-cancelled.xml", joneses, "alice", "call-across-and-cancel.xml");
        assertThat(crossedRequests()).contains("CANCEL");
        assertNothingPrivateCrossed();
    }

    @Test
    void a_call_from_the_other_site_rings_every_phone_the_callee_registered_and_the_one_that_answers_gets_it() {
        Path logs = temp.resolve("fork");
        Process answers = answering(logs.resolve("bob-desk"), "answer.xml", smiths, "bob", "bob-pw");
        Process rings = answering(logs.resolve("bob-mobile"), "ring-until-cancelled.xml", smiths, "bob", "bob-pw");
        try {
            Sipp.Result call = caller(logs.resolve("alice"), "call-across.xml", joneses, "alice", "alice-pw", "bob", "theSmiths");
            assertThat(call.allCallsSucceeded()).as(call.describe()).isTrue();
        } finally {
            Sipp.Result answered = Sipp.await(answers, logs.resolve("bob-desk"), LIMIT);
            Sipp.Result cancelled = Sipp.await(rings, logs.resolve("bob-mobile"), LIMIT);
            assertThat(answered.allCallsSucceeded()).as(answered.describe()).isTrue();
            assertThat(cancelled.allCallsSucceeded()).as(cancelled.describe()).isTrue();
        }
        // Across the link theJoneses saw one branch: one INVITE with credentials went over, not two.
        assertThat(crossedRequests().stream().filter("INVITE"::equals).count()).isEqualTo(1);
        assertNothingPrivateCrossed();
    }

    @Test
    void a_message_reaches_a_user_of_the_other_site() {
        call("message", joneses, "alice", "receive-message.xml", smiths, "bob", "message-across.xml");
        assertThat(String.join("\n", crossed)).contains("Hello from bob@theSmiths")
                .contains("P-Asserted-Identity: <sip:bob@theSmiths>");
        assertNothingPrivateCrossed();
    }

    @Test
    void a_disconnect_during_a_call_hangs_up_the_phones_of_both_sites() {
        Path logs = temp.resolve("disconnect");
        Process bob = answering(logs.resolve("bob"), "answer.xml", smiths, "bob", "bob-pw");
        Process alice = callerPhone(logs.resolve("alice"), "call-across-hung-up.xml", joneses, "alice", "alice-pw", "bob",
                "theSmiths").start();
        try {
            await("bob got the ACK").atMost(LIMIT).pollInterval(Duration.ofMillis(50)).until(() ->
                    java.nio.file.Files.exists(logs.resolve("bob").resolve("messages.log"))
                    && java.nio.file.Files.readString(logs.resolve("bob").resolve("messages.log")).contains("ACK sip:"));
            smiths.administration().disconnect(SiteName.of("theJoneses"));
        } finally {
            Sipp.Result caller = Sipp.await(alice, logs.resolve("alice"), LIMIT);
            Sipp.Result callee = Sipp.await(bob, logs.resolve("bob"), LIMIT);
            assertThat(caller.allCallsSucceeded()).as("alice on theJoneses got a BYE: " + caller.describe()).isTrue();
            assertThat(callee.allCallsSucceeded()).as("bob on theSmiths got a BYE: " + callee.describe()).isTrue();
        }
        await("every relay port freed").atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(smiths.metrics()).contains("sipsocial_media_ports_in_use 0.0");
            assertThat(joneses.metrics()).contains("sipsocial_media_ports_in_use 0.0");
        });
        assertNothingPrivateCrossed();
    }

    /**
     * Calls that end every way (BYE from the caller and from the callee, CANCEL, 486, a link dropped mid-call)
     * leave no relay port allocated on either site. Each way has its own callee: a phone that quit stays
     * registered, and a call forked to it as well would wait out its silence (Timer B) before the 487 of a CANCEL.
     */
    @Test
    void two_hundred_calls_ending_every_way_leave_no_relay_port_allocated() throws Exception {
        calls("bye", 60, smiths, "dave", "answer.xml", joneses, "alice", "call-across.xml");
        calls("hang-up", 50, joneses, "alice", "answer-and-hang-up.xml", smiths, "bob", "call-across-hung-up.xml");
        calls("cancel", 50, smiths, "carol", "ring-until-cancelled.xml", joneses, "alice", "call-across-and-cancel.xml");
        calls("busy", 39, smiths, "erin", "busy.xml", joneses, "alice", "call-refused.xml");
        a_disconnect_during_a_call_hangs_up_the_phones_of_both_sites();
        await("every relay port freed").atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(smiths.metrics()).contains("sipsocial_media_ports_in_use 0.0");
            assertThat(joneses.metrics()).contains("sipsocial_media_ports_in_use 0.0");
        });
        assertThat(smiths.metrics()).containsPattern("sipsocial_media_packets_total\\{direction=\"to_site\"\\} 0\\.0")
                .as("SIPp sends no media: nothing was closed by the idle timeout either")
                .contains("sipsocial_media_idle_legs_closed_total 0.0");
    }

    @Test
    void a_site_that_claims_a_user_of_another_site_over_its_link_is_refused_logged_and_counted() throws Exception {
        SipRequest spoofed = (SipRequest) SipParser.parse(("MESSAGE sip:bob@theSmiths SIP/2.0\r\n"
                + "Via: SIP/2.0/TLS theJoneses;branch=z9hG4bKspoof1\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:mallory@theBrowns>;tag=1\r\n"
                + "To: <sip:bob@theSmiths>\r\n"
                + "Call-ID: spoof-1@theJoneses\r\n"
                + "CSeq: 1 MESSAGE\r\n"
                + "Content-Length: 0\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII)).message();
        joneses.runtime().links().send(SiteName.of("theSmiths"), spoofed).get();

        await().atMost(Duration.ofSeconds(5)).until(() -> crossed.stream()
                .anyMatch(m -> m.startsWith("SIP/2.0 403") && m.contains("spoof-1@theJoneses")));
        assertThat(smiths.metrics()).containsPattern("sipsocial_link_refusals_total\\{reason=\"from_another_site\",site=\"theJoneses\"\\} 1\\.0");
    }

    /** theBrowns, on 127.0.3.1, linked with theSmiths only: theJoneses does not know it. */
    private void theBrownsLinkWithTheSmiths() {
        browns = RunningSite.start(temp, "theBrowns", Map.of("dan", "dan-pw"), "127.0.3.1");
        addSite(smiths, browns);
        addSite(browns, smiths);
        smiths.administration().connect(SiteName.of("theBrowns"));
        browns.administration().connect(SiteName.of("theSmiths"));
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() ->
                statusLine(smiths, "theBrowns").startsWith("connected") && statusLine(browns, "theSmiths").startsWith("connected"));
    }

    @Test
    void a_site_never_passes_a_request_from_one_link_on_to_another() throws Exception {
        theBrownsLinkWithTheSmiths();
        SipRequest transit = (SipRequest) SipParser.parse(("INVITE sip:dan@theBrowns SIP/2.0\r\n"
                + "Via: SIP/2.0/TLS theJoneses;branch=z9hG4bKtransit1\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:alice@theJoneses>;tag=1\r\n"
                + "To: <sip:dan@theBrowns>\r\n"
                + "Call-ID: transit-1@theJoneses\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Content-Length: 0\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII)).message();
        joneses.runtime().links().send(SiteName.of("theSmiths"), transit).get();

        await().atMost(Duration.ofSeconds(5)).until(() -> crossed.stream()
                .anyMatch(m -> m.startsWith("SIP/2.0 403 Forbidden (no transit") && m.contains("transit-1@theJoneses")));
        assertThat(sentToBrowns).as("nothing of the call went on to theBrowns").isEmpty();
    }

    @Test
    void a_call_to_a_listed_site_that_is_not_connected_gets_480_and_to_a_site_not_on_the_list_404() throws Exception {
        theBrownsLinkWithTheSmiths();
        browns.administration().disconnect(SiteName.of("theSmiths"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !statusLine(smiths, "theBrowns").startsWith("connected"));

        Path logs = temp.resolve("refused");
        Sipp.Result notConnected = caller(logs.resolve("browns"), "call-refused.xml", smiths, "bob", "bob-pw", "dan", "theBrowns");
        assertThat(notConnected.allCallsSucceeded()).as(notConnected.describe()).isTrue();
        assertThat(java.nio.file.Files.readString(logs.resolve("browns").resolve("messages.log")))
                .contains("SIP/2.0 480 Temporarily Unavailable (theBrowns is not connected)");
        Sipp.Result notListed = caller(logs.resolve("nowhere"), "call-refused.xml", smiths, "bob", "bob-pw", "carol", "nowhere");
        assertThat(notListed.allCallsSucceeded()).as(notListed.describe()).isTrue();
        assertThat(java.nio.file.Files.readString(logs.resolve("nowhere").resolve("messages.log")))
                .contains("SIP/2.0 404 Not Found (nowhere is not a connected site)");
    }

    /**
     * {@code callee} of {@code calleeSite} registers a phone that runs {@code answers}; {@code caller} of
     * {@code callerSite} registers one that runs {@code calls} (with {@code sippArgs}); both phones must see their
     * scenario through. Passwords are the user's name and {@code -pw}.
     */
    private void call(String name, RunningSite calleeSite, String callee, String answers, RunningSite callerSite, String caller,
            String calls, String... sippArgs) {
        calls(name, 1, calleeSite, callee, answers, callerSite, caller, calls, sippArgs);
    }

    /** {@link #call}, {@code count} times over, ten calls a second. */
    private void calls(String name, int count, RunningSite calleeSite, String callee, String answers, RunningSite callerSite,
            String caller, String calls, String... sippArgs) {
        Path logs = temp.resolve(name);
        Process answering = answering(logs.resolve(callee), answers, calleeSite, callee, callee + "-pw", count);
        Sipp.Result call = null;
        RuntimeException callerFailed = null;
        try {
            call = callerPhone(logs.resolve(caller), calls, callerSite, caller, caller + "-pw", callee,
                    calleeSite.name()).calls(count).rate(10).arg(sippArgs).run();
        } catch (RuntimeException e) {
            callerFailed = e;
        }
        Sipp.Result answered = Sipp.await(answering, logs.resolve(callee), LIMIT);
        // Both phones' stories, the caller's first: a call that failed at the caller leaves the callee waiting.
        org.assertj.core.api.SoftAssertions both = new org.assertj.core.api.SoftAssertions();
        if (callerFailed != null) {
            both.fail(caller + "'s SIPp could not be run", callerFailed);
        } else {
            both.assertThat(call.allCallsSucceeded()).as(caller + ": " + call.describe()).isTrue();
        }
        both.assertThat(answered.allCallsSucceeded()).as(callee + ": " + answered.describe()).isTrue();
        both.assertAll();
    }

    private List<String> crossedRequests() {
        List<String> methods = new ArrayList<>();
        synchronized (crossed) {
            for (String message : crossed) {
                if (!message.startsWith("SIP/2.0")) {
                    methods.add(message.substring(0, message.indexOf(' ')));
                }
            }
        }
        return methods;
    }

    /** Every byte that crossed a link: no phone's address or port, no site's LAN address with its SIP port. */
    private void assertNothingPrivateCrossed() {
        String all;
        synchronized (crossed) {
            all = String.join("\n", crossed);
        }
        assertThat(all).isNotEmpty().doesNotContain(SMITHS_PHONES).doesNotContain(JONESES_PHONES)
                .doesNotContain(SMITHS_LAN + ":" + smiths.sip().getPort())
                .doesNotContain(JONESES_LAN + ":" + joneses.sip().getPort());
        for (int port : phonePorts) {
            // Where a port would stand: host:port (Via, Contact, Route), rport=, or an SDP m= line. (A bare number
            // may be anything: SIPp puts its process number in its tags.)
            assertThat(all).as("a phone's port crossed a link")
                    .doesNotContainPattern("(:|rport=|m=audio |m=video )" + port + "(\\D|$)");
        }
    }

    /** A phone of {@code site} that registers as {@code user} and then runs {@code scenario} (it waits for a call). */
    private Process answering(Path logs, String scenario, RunningSite site, String user, String password) {
        return answering(logs, scenario, site, user, password, 1);
    }

    private Process answering(Path logs, String scenario, RunningSite site, String user, String password, int calls) {
        int port = FreePorts.tcpAndUdp();
        phonePorts.add(port);
        String phones = site == smiths ? SMITHS_PHONES : JONESES_PHONES;
        Process phone = Sipp.in(logs).scenario(SippScenarios.scenario(scenario)).service(user).key("site", site.name())
                .transport(Sipp.Transport.UDP).local(phones, port).calls(calls).limit(LIMIT).start();
        Sipp.Result registered = Sipp.in(logs.resolve("register")).remote(site.sip())
                .scenario(SippScenarios.scenario("register.xml"))
                .injection(SippScenarios.credentials(logs, user, password, site.name(), Integer.toString(port)))
                .transport(Sipp.Transport.UDP).local(phones, FreePorts.tcpAndUdp()).calls(1).limit(LIMIT).run();
        assertThat(registered.allCallsSucceeded()).as(registered.describe()).isTrue();
        return phone;
    }

    private Sipp.Result caller(Path logs, String scenario, RunningSite site, String user, String password, String callee,
            String calleeSite) {
        return callerPhone(logs, scenario, site, user, password, callee, calleeSite).run();
    }

    private Sipp callerPhone(Path logs, String scenario, RunningSite site, String user, String password, String callee,
            String calleeSite) {
        int port = FreePorts.tcpAndUdp();
        phonePorts.add(port);
        return Sipp.in(logs).remote(site.sip()).scenario(SippScenarios.scenario(scenario)).arg("-d", "200")
                .injection(SippScenarios.credentials(logs, user, password, site.name(), callee + ";" + calleeSite))
                .transport(Sipp.Transport.UDP).local(site == smiths ? SMITHS_PHONES : JONESES_PHONES, port).calls(1)
                .limit(LIMIT);
    }

    private static void addSite(RunningSite from, RunningSite to) {
        from.administration().addSite(SiteName.of(to.name()), to.linkAddress(), to.siteCertificate(),
                Fingerprint.of(to.siteCertificate()));
    }

    private static String statusLine(RunningSite at, String of) {
        return at.administration().status(SiteName.of(of)).status().text();
    }
}
