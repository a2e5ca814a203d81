package org.sipsocial.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipsocial.testkit.Baresip;
import org.sipsocial.testkit.Tone;

/**
 * A real call between two baresip softphones registered to a running site: the caller plays a 1 kHz tone,
 * the callee answers by itself and records what it receives; the tone must arrive. Media flows directly
 * between the two phones of one site.
 */
class BaresipCallTest {
    private static final double HERTZ = 1000;

    @TempDir
    Path temp;

    @Test
    void a_tone_played_by_one_registered_phone_arrives_at_the_other() throws Exception {
        try (RunningSite site = RunningSite.start(temp, "theSmiths", Map.of("alice", "alice-pw", "bob", "bob-pw"))) {
            Path tone = Tone.write(temp.resolve("tone.wav"), HERTZ, 10);
            Baresip bob = Baresip.phone(temp.resolve("bob"), "bob", "bob-pw", "theSmiths").registrar(site.sip())
                    .sipPort(Baresip.freePortPair()).rtpPorts(32000).playing(tone).autoAnswer().seconds(14).start();
            awaitBinding(site, "bob", bob);
            Baresip alice = Baresip.phone(temp.resolve("alice"), "alice", "alice-pw", "theSmiths").registrar(site.sip())
                    .sipPort(Baresip.freePortPair()).rtpPorts(33000).playing(tone).seconds(8).commands("/dial sip:bob@theSmiths")
                    .start();
            alice.process().waitFor(25, TimeUnit.SECONDS);
            bob.process().waitFor(25, TimeUnit.SECONDS);

            assertThat(alice.log()).as(alice.log()).contains("Call established");
            List<Path> recordings = bob.recordings();
            assertThat(recordings).as("bob's recordings; log:\n" + bob.log()).isNotEmpty();
            double received = recordings.stream().filter(p -> p.getFileName().toString().contains("dec"))
                    .mapToDouble(p -> Tone.secondsOf(Tone.samples(p), HERTZ, 0.8)).max().orElse(0);
            assertThat(received).as("seconds of the %s Hz tone bob received", HERTZ).isGreaterThanOrEqualTo(3.0);
        }
    }

    static void awaitBinding(RunningSite site, String user, Baresip phone) {
        try {
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                    .until(() -> !site.runtime().sip().location().lookup(user, Clock.systemUTC().instant()).isEmpty());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(user + " did not register within 15 s; baresip log:\n" + phone.log(), e);
        }
    }
}
