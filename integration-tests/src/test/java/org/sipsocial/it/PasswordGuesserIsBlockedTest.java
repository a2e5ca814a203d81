package org.sipsocial.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipsocial.routing.auth.AuthFailureThrottle;
import org.sipsocial.testkit.SippScenarios;
import org.sipsocial.testkit.FreePorts;
import org.sipsocial.testkit.Sipp;
import org.slf4j.LoggerFactory;

/**
 * A source that keeps failing digest authentication is slowed down, then blocked: ten wrong passwords from SIPp
 * and the site stops answering that address, says so in its log, and counts it in its metrics.
 */
class PasswordGuesserIsBlockedTest {
    @TempDir
    Path temp;

    @Test
    void ten_wrong_passwords_block_the_source_visibly_in_log_and_metrics() throws Exception {
        Logger throttleLog = (Logger) LoggerFactory.getLogger(AuthFailureThrottle.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        throttleLog.addAppender(log);
        try (RunningSite site = RunningSite.start(temp, "theSmiths", Map.of("alice", "the-real-one"))) {
            Path logs = temp.resolve("guesser");
            // Ten guesses at once: the first few are answered at once, later ones ever more slowly (up to 8 s).
            Sipp.Result guesses = Sipp.in(logs).remote(site.sip()).scenario(SippScenarios.scenario("register-refused.xml"))
                    .injection(SippScenarios.credentials(logs, "alice", "guess", "theSmiths", "5060"))
                    .transport(Sipp.Transport.UDP).local("127.0.0.1", FreePorts.tcpAndUdp()).calls(10).rate(10)
                    .limit(Duration.ofSeconds(40)).run();
            assertThat(guesses.allCallsSucceeded()).as("every guess was answered with a new challenge: " + guesses.describe())
                    .isTrue();

            assertThat(site.metrics()).contains("sipsocial_auth_blocks_total 1.0", "sipsocial_auth_blocked_sources 1.0",
                    "sipsocial_auth_failures_total 10.0");
            assertThat(log.list).anySatisfy(event -> assertThat(event.getFormattedMessage())
                    .startsWith("blocking 127.0.0.1 for PT15M after 10 failed authentications"));
            assertThat(answerTo(site, "REGISTER sip:theSmiths SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1;rport;branch=z9hG4bKafter\r\n"
                    + "Max-Forwards: 70\r\nFrom: <sip:alice@theSmiths>;tag=1\r\nTo: <sip:alice@theSmiths>\r\n"
                    + "Call-ID: after-the-block\r\nCSeq: 1 REGISTER\r\nContent-Length: 0\r\n\r\n"))
                    .as("the blocked source gets no answer at all").isNull();
        } finally {
            throttleLog.detachAppender(log);
        }
    }

    private static String answerTo(RunningSite site, String request) throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            byte[] bytes = request.getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(bytes, bytes.length, site.sip()));
            socket.setSoTimeout(2000);
            DatagramPacket answer = new DatagramPacket(new byte[65536], 65536);
            socket.receive(answer);
            return new String(answer.getData(), 0, answer.getLength(), StandardCharsets.US_ASCII);
        } catch (SocketTimeoutException silence) {
            return null;
        }
    }
}
