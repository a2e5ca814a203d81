package org.sipsocial.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sipsocial.routing.ExposedSdesKeys;
import org.sipsocial.routing.registrar.Binding;
import org.sipsocial.testkit.Baresip;
import org.sipsocial.testkit.FreePorts;
import org.sipsocial.testkit.Tone;
import org.slf4j.LoggerFactory;

/**
 * Debian's own softphones against a site on its default settings, configured as README's "Connect a phone" says:
 * baresip 1.0 (which answers only MD5) and Linphone 5.1 (which answers SHA-256) register over UDP, TCP and TLS
 * (trusting the certificate {@code cert export} writes), Linphone on UDP or TLS calls a baresip on UDP and answers a
 * call from one with each hearing the other's tone, a UDP phone and a TLS phone talk over SRTP (SDES) with a
 * tone that must arrive while the site warns about the keys the UDP phone exposed, and the SIP port answers STUN
 * keep-alives.
 */
class SoftphonesOnTheDefaultsTest {
    private static final double HERTZ = 1000;
    /** What Linphone plays in calls with baresip, so that each side's recording tells whose tone it carries. */
    private static final double LINPHONE_HERTZ = 600;

    @TempDir
    Path temp;

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"udp", "tcp", "tls"})
    void baresip_and_linphone_register_on_the_defaults_and_linphone_uses_sha256(String transport) throws Exception {
        try (RunningSite site = RunningSite.start(temp, "theSmiths", Map.of("alice", "alice-pw", "bob", "bob-pw"))) {
            InetSocketAddress proxy = transport.equals("tls") ? site.sips() : site.sip();
            Path cafile = transport.equals("tls") ? site.certificate() : null;
            Baresip alice = Baresip.phone(temp.resolve("alice"), "alice", "alice-pw", "theSmiths").registrar(proxy)
                    .transport(transport).cafile(cafile).sipPort(Baresip.freePortPair()).rtpPorts(34000)
                    .playing(Tone.write(temp.resolve("tone.wav"), HERTZ, 1)).seconds(20).start();
            try (Linphone bob = Linphone.start(temp.resolve("bob"), transport, cafile, "bob", "bob-pw", "theSmiths", proxy,
                    Baresip.freePortPair(), FreePorts.tcpAndUdp())) {
                assertThat(awaitBinding(site, "alice", alice::log).flow().transport()).isEqualToIgnoringCase(transport);
                assertThat(awaitBinding(site, "bob", bob::log).flow().transport()).isEqualToIgnoringCase(transport);
                String metrics = site.metrics();
                assertThat(metrics).as("Linphone answered SHA-256")
                        .containsPattern("sipsocial_auth_successes_total\\{algorithm=\"SHA-256\"} [1-9]");
                assertThat(metrics).as("baresip answered MD5")
                        .containsPattern("sipsocial_auth_successes_total\\{algorithm=\"MD5\"} [1-9]");
            } finally {
                alice.process().destroy();
                alice.process().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @ParameterizedTest(name = "Linphone over {0}, baresip over UDP")
    @ValueSource(strings = {"udp", "tcp", "tls"})
    void linphone_calls_a_baresip_phone_on_the_site_and_each_hears_the_others_tone(String transport) throws Exception {
        try (RunningSite site = RunningSite.start(temp, "theSmiths", Map.of("alice", "alice-pw", "bob", "bob-pw"))) {
            Baresip alice = Baresip.phone(temp.resolve("alice"), "alice", "alice-pw", "theSmiths").registrar(site.sip())
                    .sipPort(Baresip.freePortPair()).rtpPorts(35000).playing(Tone.write(temp.resolve("tone.wav"), HERTZ, 15))
                    .autoAnswer().seconds(20).start();
            try (Linphone bob = Linphone.start(temp.resolve("bob"), transport,
                    transport.equals("tls") ? site.certificate() : null, "bob", "bob-pw", "theSmiths",
                    transport.equals("tls") ? site.sips() : site.sip(), Baresip.freePortPair(), FreePorts.tcpAndUdp())) {
                awaitBinding(site, "alice", alice::log);
                assertThat(awaitBinding(site, "bob", bob::log).flow().transport()).isEqualToIgnoringCase(transport);

                bob.call("sip:alice@theSmiths");
                bob.awaitStreamsRunning(Duration.ofSeconds(10));
                bob.play(Tone.write(temp.resolve("linphone-tone.wav"), LINPHONE_HERTZ, 10));
                Thread.sleep(5000);
                bob.hangUp();

                assertEachHeardTheOther(alice, bob);
            } finally {
                alice.process().destroy();
                alice.process().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @ParameterizedTest(name = "Linphone over {0}, baresip over UDP")
    @ValueSource(strings = {"udp", "tls"})
    void linphone_answers_a_call_from_a_baresip_phone_on_the_site_and_each_hears_the_others_tone(String transport)
            throws Exception {
        try (RunningSite site = RunningSite.start(temp, "theSmiths", Map.of("alice", "alice-pw", "bob", "bob-pw"));
             Linphone bob = Linphone.start(temp.resolve("bob"), transport,
                     transport.equals("tls") ? site.certificate() : null, "bob", "bob-pw", "theSmiths",
                     transport.equals("tls") ? site.sips() : site.sip(), Baresip.freePortPair(), FreePorts.tcpAndUdp())) {
            assertThat(awaitBinding(site, "bob", bob::log).flow().transport()).isEqualToIgnoringCase(transport);
            Baresip alice = Baresip.phone(temp.resolve("alice"), "alice", "alice-pw", "theSmiths").registrar(site.sip())
                    .sipPort(Baresip.freePortPair()).rtpPorts(35000).playing(Tone.write(temp.resolve("tone.wav"), HERTZ, 15))
                    .seconds(20).commands("/dial sip:bob@theSmiths").start();
            try {
                bob.answerWhenRinging(Duration.ofSeconds(10));
                bob.awaitStreamsRunning(Duration.ofSeconds(10));
                bob.play(Tone.write(temp.resolve("linphone-tone.wav"), LINPHONE_HERTZ, 10));
                Thread.sleep(5000);
                bob.hangUp();

                assertEachHeardTheOther(alice, bob);
            } finally {
                alice.process().destroy();
                alice.process().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Linphone hung up after about 5 s of call in which baresip played {@link #HERTZ} and Linphone
     * {@link #LINPHONE_HERTZ}: its BYE must reach baresip (which ends the call and closes its recording), and each
     * must have heard at least 3 s of the other's tone.
     */
    private static void assertEachHeardTheOther(Baresip baresip, Linphone linphone) {
        try {
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> baresip.log().contains("Call with sip:bob@theSmiths terminated"));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("Linphone's BYE did not end baresip's call within 5 s; baresip's log:\n" + baresip.log()
                    + "\nLinphone's log:\n" + linphone.log(), e);
        }
        assertThat(baresip.secondsHeard(LINPHONE_HERTZ)).as("seconds of Linphone's %s Hz tone heard by baresip; "
                + "baresip's log:\n%s\nLinphone's log:\n%s", LINPHONE_HERTZ, baresip.log(), linphone.log())
                .isGreaterThanOrEqualTo(3.0);
        assertThat(linphone.secondsHeard(HERTZ)).as("seconds of baresip's %s Hz tone heard by Linphone; Linphone's log:\n%s",
                HERTZ, linphone.log()).isGreaterThanOrEqualTo(3.0);
    }

    @Test
    void an_srtp_call_from_a_phone_on_udp_reaches_a_phone_on_tls_with_its_tone_and_the_exposed_keys_are_logged()
            throws Exception {
        Logger sdesLog = (Logger) LoggerFactory.getLogger(ExposedSdesKeys.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        sdesLog.addAppender(log);
        try (RunningSite site = RunningSite.start(temp, "theSmiths", Map.of("alice", "alice-pw", "bob", "bob-pw"))) {
            Path tone = Tone.write(temp.resolve("tone.wav"), HERTZ, 10);
            Baresip alice = Baresip.phone(temp.resolve("alice"), "alice", "alice-pw", "theSmiths").registrar(site.sips())
                    .transport("tls").cafile(site.certificate()).account(";mediaenc=srtp-mand").sipPort(Baresip.freePortPair())
                    .rtpPorts(32000).playing(tone).autoAnswer().seconds(14).start();
            awaitBinding(site, "alice", alice::log);
            Baresip bob = Baresip.phone(temp.resolve("bob"), "bob", "bob-pw", "theSmiths").registrar(site.sip())
                    .account(";mediaenc=srtp-mand").sipPort(Baresip.freePortPair()).rtpPorts(33000).playing(tone).seconds(8)
                    .commands("/dial sip:alice@theSmiths").start();
            bob.process().waitFor(25, TimeUnit.SECONDS);
            alice.process().waitFor(25, TimeUnit.SECONDS);

            assertThat(bob.log()).as(bob.log()).contains("Call established", "m=audio", "RTP/SAVP", "a=crypto:");
            List<Path> recordings = alice.recordings();
            assertThat(recordings).as("alice's recordings; log:\n" + alice.log()).isNotEmpty();
            double received = recordings.stream().filter(p -> p.getFileName().toString().contains("dec"))
                    .mapToDouble(p -> Tone.secondsOf(Tone.samples(p), HERTZ, 0.8)).max().orElse(0);
            assertThat(received).as("seconds of the %s Hz tone alice received over SRTP", HERTZ).isGreaterThanOrEqualTo(3.0);
            assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).as("one warning, for bob's phone on UDP")
                    .singleElement().satisfies(w -> assertThat(w).contains("bob's phone", "over UDP", "TLS"));
        } finally {
            sdesLog.detachAppender(log);
        }
    }

    @Test
    void a_stun_binding_request_to_the_sip_port_is_answered_with_the_address_it_came_from() throws Exception {
        try (RunningSite site = RunningSite.start(temp, "theSmiths", Map.of());
             DatagramSocket phone = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            // RFC 5389 §6: Binding request, no attributes, magic cookie, a 96-bit transaction ID.
            ByteBuffer request = ByteBuffer.allocate(20).putShort((short) 0x0001).putShort((short) 0).putInt(0x2112A442)
                    .put(new byte[] {9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 1, 2});
            phone.send(new DatagramPacket(request.array(), 20, site.sip()));
            phone.setSoTimeout(3000);
            DatagramPacket answer = new DatagramPacket(new byte[512], 512);
            phone.receive(answer);

            ByteBuffer response = ByteBuffer.wrap(answer.getData(), 0, answer.getLength());
            assertThat(response.getShort(0)).isEqualTo((short) 0x0101);
            assertThat(response.getShort(20)).as("XOR-MAPPED-ADDRESS").isEqualTo((short) 0x0020);
            int port = (response.getShort(26) & 0xFFFF) ^ 0x2112;
            int address = response.getInt(28) ^ 0x2112A442;
            assertThat(new InetSocketAddress(InetAddress.getByAddress(ByteBuffer.allocate(4).putInt(address).array()), port))
                    .isEqualTo(phone.getLocalSocketAddress());
        }
    }

    private static Binding awaitBinding(RunningSite site, String user, java.util.function.Supplier<String> log) {
        try {
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                    .until(() -> !site.runtime().sip().location().lookup(user, Clock.systemUTC().instant()).isEmpty());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(user + " did not register within 15 s; phone log:\n" + log.get(), e);
        }
        return site.runtime().sip().location().lookup(user, Clock.systemUTC().instant()).get(0);
    }
}
