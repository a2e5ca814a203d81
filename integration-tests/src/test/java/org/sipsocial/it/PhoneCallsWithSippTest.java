package org.sipsocial.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sipsocial.testkit.SippScenarios;
import org.sipsocial.testkit.FreePorts;
import org.sipsocial.testkit.Sipp;
import org.sipsocial.testkit.Stunnel;

/**
 * Two SIPp phones register with digest authentication and call each other through a running site, over UDP,
 * TCP and TLS (TLS through stunnel4, as Debian's SIPp has none): SIPp is the third-party peer.
 */
class PhoneCallsWithSippTest {
    enum PhoneTransport { UDP, TCP, TLS }

    private static final Duration LIMIT = Duration.ofSeconds(40);

    @TempDir
    Path temp;
    private RunningSite site;

    @BeforeEach
    void startSite() {
        site = RunningSite.start(temp, "theSmiths", Map.of("alice", "alice-pw", "bob", "bob-pw"));
    }

    @AfterEach
    void stopSite() {
        site.close();
    }

    @ParameterizedTest
    @EnumSource(PhoneTransport.class)
    void two_phones_register_with_digest_and_call_each_other_with_no_failed_call(PhoneTransport transport) throws Exception {
        Path logs = temp.resolve("logs-" + transport);
        Sipp.Transport sippTransport = transport == PhoneTransport.UDP ? Sipp.Transport.UDP : Sipp.Transport.TCP;
        if (transport == PhoneTransport.TLS) {
            callOverTls(logs);
            return;
        }
        int bobPort = FreePorts.tcpAndUdp();
        Process bob = Sipp.in(logs.resolve("bob-answers")).scenario(SippScenarios.scenario("answer.xml")).service("bob")
                .transport(sippTransport).local("127.0.0.1", bobPort).calls(1).limit(LIMIT).start();
        try {
            Sipp.Result registered = Sipp.in(logs.resolve("bob-registers")).remote(site.sip())
                    .scenario(SippScenarios.scenario("register.xml"))
                    .injection(SippScenarios.credentials(logs, "bob", "bob-pw", "theSmiths", Integer.toString(bobPort)))
                    .transport(sippTransport).local("127.0.0.1", FreePorts.tcpAndUdp()).calls(1).limit(LIMIT).run();
            assertThat(registered.allCallsSucceeded()).as(registered.describe()).isTrue();
            Sipp.Result call = Sipp.in(logs.resolve("alice-calls")).remote(site.sip())
                    .scenario(SippScenarios.scenario("register-and-call.xml"))
                    .injection(SippScenarios.credentials(logs, "alice", "alice-pw", "theSmiths", "bob"))
                    .transport(sippTransport).local("127.0.0.1", FreePorts.tcpAndUdp()).calls(1).limit(LIMIT).run();
            assertThat(call.allCallsSucceeded()).as(call.describe()).isTrue();
        } finally {
            Sipp.Result answered = Sipp.await(bob, logs.resolve("bob-answers"), LIMIT);
            assertThat(answered.allCallsSucceeded()).as(answered.describe()).isTrue();
        }
    }

    /** Each phone reaches the TLS listener through its own stunnel, which pins the site's certificate. */
    private void callOverTls(Path logs) throws Exception {
        InetSocketAddress aliceTunnel = new InetSocketAddress("127.0.0.1", FreePorts.tcpAndUdp());
        InetSocketAddress bobTunnel = new InetSocketAddress("127.0.0.1", FreePorts.tcpAndUdp());
        try (Stunnel forAlice = Stunnel.client(logs.resolve("stunnel-alice"), aliceTunnel, site.sips(), site.certificate());
             Stunnel forBob = Stunnel.client(logs.resolve("stunnel-bob"), bobTunnel, site.sips(), site.certificate())) {
            // Bob registers over his TLS connection and is called back over it: the site never dials a phone over TLS.
            Process bob = Sipp.in(logs.resolve("bob")).remote(bobTunnel).scenario(SippScenarios.scenario("register-and-stay.xml"))
                    .arg("-oocsf", SippScenarios.scenario("answer.xml").toString()).service("bob")
                    .injection(SippScenarios.credentials(logs, "bob", "bob-pw", "theSmiths", Integer.toString(bobTunnel.getPort())))
                    .transport(Sipp.Transport.TCP).local("127.0.0.1", FreePorts.tcpAndUdp()).calls(1).limit(LIMIT).start();
            try {
                awaitRegistered(logs.resolve("bob").resolve("messages.log"));
                Sipp.Result call = Sipp.in(logs.resolve("alice")).remote(aliceTunnel)
                        .scenario(SippScenarios.scenario("register-and-call.xml"))
                        .injection(SippScenarios.credentials(logs, "alice", "alice-pw", "theSmiths", "bob"))
                        .transport(Sipp.Transport.TCP).local("127.0.0.1", FreePorts.tcpAndUdp()).calls(1).limit(LIMIT).run();
                assertThat(call.allCallsSucceeded()).as(call.describe()).isTrue();
                String bobSaw = Files.readString(logs.resolve("bob").resolve("messages.log"));
                assertThat(bobSaw).contains("INVITE sip:bob@127.0.0.1", "ACK sip:bob@", "BYE sip:bob@");
            } finally {
                bob.destroy();
            }
        }
    }

    /**
     * RFC 5626 §5.3: a phone behind a NAT is reached only over its TCP flow; when that connection is gone, the first
     * call that fails on it drops the registration, and the phone must register again.
     */
    @Test
    void a_phone_whose_tcp_flow_is_gone_loses_its_registration_when_a_call_fails_on_it() {
        Path logs = temp.resolve("stale-flow");
        Sipp.Result registered = Sipp.in(logs.resolve("bob")).remote(site.sip())
                .scenario(SippScenarios.scenario("register-behind-nat.xml"))
                .injection(SippScenarios.credentials(logs, "bob", "bob-pw", "theSmiths", "5060"))
                .transport(Sipp.Transport.TCP).local("127.0.0.1", FreePorts.tcpAndUdp()).calls(1).limit(LIMIT).run();
        assertThat(registered.allCallsSucceeded()).as(registered.describe()).isTrue();
        // SIPp has quit: its TCP connection, the only way to bob behind his NAT, is closed.
        assertThat(site.runtime().sip().location().lookup("bob", java.time.Clock.systemUTC().instant())).hasSize(1);

        Sipp.Result call = Sipp.in(logs.resolve("alice")).remote(site.sip()).scenario(SippScenarios.scenario("call-refused.xml"))
                .injection(SippScenarios.credentials(logs, "alice", "alice-pw", "theSmiths", "bob;theSmiths"))
                .transport(Sipp.Transport.UDP).local("127.0.0.1", FreePorts.tcpAndUdp()).calls(1).limit(LIMIT).run();
        assertThat(call.allCallsSucceeded()).as(call.describe()).isTrue();
        assertThat(site.runtime().sip().location().lookup("bob", java.time.Clock.systemUTC().instant()))
                .as("bob's registration over the dead flow").isEmpty();
    }

    @Test
    void a_wrong_password_and_an_unknown_user_are_both_challenged_again() {
        Path logs = temp.resolve("logs-refused");
        for (String[] attempt : new String[][] {{"alice", "not-her-password"}, {"nobody", "whatever"}}) {
            Sipp.Result refused = Sipp.in(logs.resolve(attempt[0])).remote(site.sip())
                    .scenario(SippScenarios.scenario("register-refused.xml"))
                    .injection(SippScenarios.credentials(logs, attempt[0], attempt[1], "theSmiths", "5060"))
                    .transport(Sipp.Transport.UDP).local("127.0.0.1", FreePorts.tcpAndUdp()).calls(1).limit(LIMIT).run();
            assertThat(refused.allCallsSucceeded()).as(attempt[0] + ": " + refused.describe()).isTrue();
        }
    }

    private static void awaitRegistered(Path messages) {
        await("bob registered over TLS (" + messages + ")").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> Files.exists(messages) && Files.readString(messages).contains("SIP/2.0 200 OK"));
    }
}
