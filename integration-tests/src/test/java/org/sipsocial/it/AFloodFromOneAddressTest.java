package org.sipsocial.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sipsocial.testkit.FreePorts;
import org.sipsocial.testkit.Sipp;
import org.sipsocial.testkit.SippScenarios;

/**
 * Issue 16's flood: a site run as its own process through the launcher is flooded from one loopback address with
 * unauthenticated INVITEs and OPTIONS at 40,000 a second (bounded: 10 s, 2,000,000 messages) while
 * a registered SIPp phone on another address makes 20 calls to another SIPp phone. All 20 succeed in normal time,
 * the flooder is blocked within a second and logged once, the site sends no more responses than it received
 * requests (and responses to relay), its resident memory stays within the launcher's bound, and it stops within
 * 2 s of SIGTERM afterwards.
 */
class AFloodFromOneAddressTest {
    private static final String SITE_ADDRESS = "127.0.6.1";
    private static final String ALICE_ADDRESS = "127.0.6.2";
    private static final String BOB_ADDRESS = "127.0.6.3";
    private static final String FLOODER_ADDRESS = "127.0.6.9";
    /** Resident memory a flood blocked at once leaves a site under (about 200 MB measured with a 256 MB heap; see sipsocial). */
    private static final long LAUNCHER_BOUND_KB = 512 * 1024;
    private static final Duration FLOOD_LIMIT = Duration.ofSeconds(10);
    /**
     * The flood's rate: what SIPp reached from one address in issue 16's measurement (20,000 a second), doubled.
     * One unpaced Java thread reaches about 155,000 a second on loopback here; at that rate, on two cores shared with
     * the sender, SIPp and other builds, the kernel drops datagrams of every source at the site's full socket
     * queue before the site reads them, the phone's among them (only filtering in the kernel helps there).
     */
    private static final int FLOOD_RATE = 40_000;
    private static final Duration SIPP_LIMIT = Duration.ofSeconds(40);
    private static final int CALLS = 20;

    @TempDir
    Path temp;

    @Test
    @Timeout(120)
    void a_registered_phone_makes_all_its_calls_while_one_address_floods_and_is_blocked_at_once() throws Exception {
        assumeTrue(Files.exists(SiteAsProcess.JAR), "needs " + SiteAsProcess.JAR + " (./mvnw package builds it)");
        Path logs = Files.createDirectories(temp.resolve("logs"));
        try (SiteAsProcess site = SiteAsProcess.init(temp, "theSmiths", SITE_ADDRESS, "alice", "alice-pw", "bob", "bob-pw")) {
            site.start();
            int bobPort = FreePorts.tcpAndUdp();
            Process bob = Sipp.in(logs.resolve("bob-answers")).scenario(SippScenarios.scenario("answer.xml")).service("bob")
                    .transport(Sipp.Transport.UDP).local(BOB_ADDRESS, bobPort).calls(CALLS).limit(SIPP_LIMIT).start();
            Sipp.Result registered = Sipp.in(logs.resolve("bob-registers")).remote(site.sip())
                    .scenario(SippScenarios.scenario("register.xml"))
                    .injection(SippScenarios.credentials(logs, "bob", "bob-pw", "theSmiths", Integer.toString(bobPort)))
                    .transport(Sipp.Transport.UDP).local(BOB_ADDRESS, FreePorts.tcpAndUdp()).calls(1).limit(SIPP_LIMIT).run();
            assertThat(registered.allCallsSucceeded()).as(registered.describe()).isTrue();

            AtomicLong maxResidentKb = new AtomicLong(site.residentKb());
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    maxResidentKb.accumulateAndGet(site.residentKb(), Math::max);
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.start();
            try (UdpFlooder flooder = new UdpFlooder(FLOODER_ADDRESS, site.sip(), "theSmiths")) {
                CompletableFuture<Void> flood = CompletableFuture.runAsync(() -> {
                    try {
                        flooder.flood(2_000_000, FLOOD_LIMIT, FLOOD_RATE);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                Thread.sleep(500);
                long callsStarted = System.nanoTime();
                Sipp.Result calls = Sipp.in(logs.resolve("alice-calls")).remote(site.sip())
                        .scenario(SippScenarios.scenario("register-and-call.xml"))
                        .injection(SippScenarios.credentials(logs, "alice", "alice-pw", "theSmiths", "bob"))
                        .transport(Sipp.Transport.UDP).local(ALICE_ADDRESS, FreePorts.tcpAndUdp()).calls(CALLS).rate(4)
                        .limit(SIPP_LIMIT).run();
                Duration callTime = Duration.ofNanos(System.nanoTime() - callsStarted);
                boolean floodStillOn = !flood.isDone();
                flood.join();
                Thread.sleep(1000);
                sampler.interrupt();
                sampler.join();

                String metrics = site.metrics();
                double requestsIn = SiteAsProcess.sum(metrics, "sip_transport_messages_received_total", "kind=\"request\"");
                double responsesOut = SiteAsProcess.sum(metrics, "sip_transport_messages_sent_total", "kind=\"response\"");
                double responsesIn = SiteAsProcess.sum(metrics, "sip_transport_messages_received_total", "kind=\"response\"");
                String report = String.format("flooder sent %,d in %s (%,d/s), got %,d answers, the last %s after it began; "
                        + "20 calls took %s (flood still on at their end: %s); site received %,.0f requests and %,.0f responses, "
                        + "sent %,.0f responses, dropped %,.0f from blocked sources; resident at most %,d kB",
                        flooder.sent(), flooder.took(), flooder.sent() * 1000 / Math.max(1, flooder.took().toMillis()),
                        flooder.answers(), flooder.lastAnswerAfterStart(), callTime, floodStillOn, requestsIn, responsesIn, responsesOut,
                        SiteAsProcess.sum(metrics, "sipsocial_flood_dropped_total", ""), maxResidentKb.get());
                System.out.println(report);
                Files.writeString(logs.resolve("report.txt"), report + "\n");

                assertThat(calls.allCallsSucceeded()).as(report + "\n" + calls.describe()).isTrue();
                assertThat(callTime).as("20 calls at 4 a second, each in normal time: " + report).isLessThan(Duration.ofSeconds(12));
                assertThat(floodStillOn).as("the calls were made during the flood: " + report).isTrue();
                assertThat(flooder.lastAnswerAfterStart()).as("the flooder blocked within a second: " + report)
                        .isLessThan(Duration.ofSeconds(1));
                assertThat(SiteAsProcess.sum(metrics, "sipsocial_flood_blocks_total", "")).as(report).isEqualTo(1.0);
                assertThat(site.log().lines().filter(l -> l.contains("blocking " + FLOODER_ADDRESS)).toList())
                        .as("the block is logged once, at the rate of site.properties").singleElement().asString()
                        .contains("more than 50 messages a second");
                assertThat(flooder.answers()).as("at most one answer per flood message, and only until the block: " + report)
                        .isLessThan(1000);
                // A proxy also sends the responses it relays (the called phone's 180 and 200, and their retransmissions).
                assertThat(responsesOut).as("responses sent, at most the requests received and responses relayed: " + report)
                        .isLessThanOrEqualTo(requestsIn + responsesIn);
                assertThat(maxResidentKb.get()).as("resident memory within the launcher's bound: " + report)
                        .isLessThan(LAUNCHER_BOUND_KB);
                assertThat(site.status()).as("the blocked source in sipsocial status").contains("SIP from " + FLOODER_ADDRESS + " blocked");
                assertThat(site.stop()).as("stopping after the flood").isLessThan(Duration.ofSeconds(2));
            } finally {
                sampler.interrupt();
                Sipp.Result answered = Sipp.await(bob, logs.resolve("bob-answers"), SIPP_LIMIT);
                assertThat(answered.allCallsSucceeded()).as(answered.describe()).isTrue();
            }
        }
    }
}
