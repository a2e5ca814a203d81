package org.sipsocial.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.sipsocial.testkit.Baresip;
import org.sipsocial.testkit.Tone;
import org.sipsocial.testkit.netlab.Host;

/**
 * The two softphones of the namespace tests' calls between sites (issue 11): alice of theSmiths and bob of
 * theJoneses, baresip each on its site's LAN (the host the site runs on), each playing a tone the other must hear
 * through both sites' media relays.
 */
final class TonePhones {
    static final double ALICE_HERTZ = 1000;
    static final double BOB_HERTZ = 600;
    private static final Duration REGISTERED_WITHIN = Duration.ofSeconds(30);

    private TonePhones() {
    }

    /**
     * Bob's baresip on {@code b}'s LAN, registered at theJoneses (which runs on {@code b}), answering at once and
     * playing his tone for {@code seconds}.
     */
    static Baresip bobAnswering(Path logs, Host b, int seconds) {
        Baresip bobsPhone = Baresip.phone(logs.resolve("bob-baresip"), "bob", "bob-pw", "theJoneses")
                .registrar(new InetSocketAddress(b.address(), 5060)).on(b.address()).inNamespace(b.namespace())
                .sipPort(5082).rtpPorts(32000).playing(Tone.write(logs.resolve("bob.wav"), BOB_HERTZ, seconds))
                .autoAnswer().seconds(seconds).start();
        Awaitility.await("bob's baresip registered").atMost(REGISTERED_WITHIN).pollInterval(Duration.ofMillis(200))
                .until(() -> bobsPhone.log().contains("200 OK"));
        return bobsPhone;
    }

    /**
     * Alice's baresip on {@code a}'s LAN, registered at theSmiths, dialling bob and playing her tone for
     * {@code seconds}; with {@code controlPort} (not 0) it takes commands there.
     */
    static Baresip aliceCallingBob(Path logs, Host a, int seconds, int controlPort) {
        Baresip.Builder phone = Baresip.phone(logs.resolve("alice-baresip"), "alice", "alice-pw", "theSmiths")
                .registrar(new InetSocketAddress(a.address(), 5060)).on(a.address()).inNamespace(a.namespace())
                .sipPort(5092).rtpPorts(33000).playing(Tone.write(logs.resolve("alice.wav"), ALICE_HERTZ, seconds))
                .seconds(seconds).commands("/dial sip:bob@theJoneses");
        return (controlPort == 0 ? phone : phone.control(controlPort)).start();
    }

    /** The call was established, and each phone heard at least {@code seconds} of the other's tone. */
    static void assertHeardEachOther(Baresip alicesPhone, Baresip bobsPhone, double seconds) {
        assertThat(alicesPhone.log()).as(alicesPhone.log()).contains("Call established");
        assertThat(bobsPhone.secondsHeard(ALICE_HERTZ)).as("seconds of alice's tone bob heard; log:%n%s", bobsPhone.log())
                .isGreaterThanOrEqualTo(seconds);
        assertThat(alicesPhone.secondsHeard(BOB_HERTZ)).as("seconds of bob's tone alice heard; log:%n%s", alicesPhone.log())
                .isGreaterThanOrEqualTo(seconds);
    }
}
