package org.sipsocial.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sipsocial.identity.PemCertificates;
import org.sipsocial.identity.SelfSignedCertificateIssuer;
import org.sipsocial.identity.SiteIdentity;
import org.sipsocial.identity.SiteName;
import org.sipsocial.sip.message.SipMessage;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;
import org.sipsocial.sip.message.SipWriter;
import org.sipsocial.sip.transaction.Hop;
import org.sipsocial.sip.transport.ClientAuth;
import org.sipsocial.sip.transport.ListenerSpec;
import org.sipsocial.sip.transport.TlsContexts;
import org.sipsocial.sip.transport.TlsCredentials;
import org.sipsocial.sip.transport.Transport;
import org.sipsocial.testkit.FreePorts;
import org.sipsocial.testkit.Sipp;
import org.sipsocial.testkit.Stunnel;

/**
 * Our transaction layer and transports against a real third-party stack: SIPp calls a small UAS built on them,
 * and a small UAC built on them calls SIPp, over UDP and TCP, and over TLS through stunnel4. Over UDP a message
 * is lost on purpose, and the call still succeeds through retransmission (RFC 3261 §17.1.1.2, §17.2.1).
 */
class TransactionsWithSippTest {
    enum Plain { UDP, TCP }

    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final Pattern INVITE_SENT = Pattern.compile("message sent[^\\n]*\\n\\s*\\nINVITE ");
    private static final Pattern BYE_SENT = Pattern.compile("message sent[^\\n]*\\n\\s*\\nBYE ");

    @TempDir
    Path temp;

    @ParameterizedTest
    @EnumSource(Plain.class)
    void sipp_calls_our_uas_and_on_udp_its_retransmitted_invite_is_absorbed(Plain plain) throws Exception {
        Transport transport = Transport.valueOf(plain.name());
        int port = FreePorts.tcpAndUdp();
        // Over UDP our first 100 Trying is lost and the answer waits 1.2 s: SIPp retransmits the INVITE (Timer A),
        // and our server transaction absorbs it and sends its 100 again (RFC 3261 §17.2.1).
        try (AnsweringUas uas = new AnsweringUas(Duration.ofMillis(plain == Plain.UDP ? 1200 : 50));
             TestEndpoint endpoint = TestEndpoint.start(uas, null, List.of(ListenerSpec.of(transport, loopback(port))),
                     m -> plain == Plain.UDP && isResponse(m, 100))) {
            Path logs = temp.resolve("uac-" + plain);
            Sipp.Result call = Sipp.in(logs).remote(loopback(port)).builtIn("uac").service("uas")
                    .transport(plain == Plain.UDP ? Sipp.Transport.UDP : Sipp.Transport.TCP)
                    .local("127.0.0.1", FreePorts.tcpAndUdp()).calls(1).limit(LIMIT).run();
            assertThat(call.allCallsSucceeded()).as(call.describe()).isTrue();
            assertThat(uas.invites.get()).as("INVITEs reaching the core").isEqualTo(1);
            assertThat(uas.acks.get()).isEqualTo(1);
            assertThat(uas.byes.get()).isEqualTo(1);
            if (plain == Plain.UDP) {
                assertThat(count(INVITE_SENT, Files.readString(logs.resolve("messages.log")))).as("INVITEs SIPp sent")
                        .isGreaterThanOrEqualTo(2);
                assertThat(endpoint.wire().stream().filter(m -> isResponse(m, 100)).count())
                        .as("100 Trying, sent again for the retransmitted INVITE").isGreaterThanOrEqualTo(2);
            }
        }
    }

    /**
     * Over UDP our 200 to SIPp's BYE is lost: SIPp sends the BYE again (Timer E), and the answer that the ended
     * non-INVITE transaction left for its Completed state (CompletedAnswers, RFC 3261 §17.2.2) goes out again, the
     * same bytes, without the BYE reaching the core twice.
     */
    @Test
    void sipp_calls_our_uas_and_over_udp_a_lost_200_to_its_bye_is_sent_again_from_the_completed_state() throws Exception {
        int port = FreePorts.tcpAndUdp();
        try (AnsweringUas uas = new AnsweringUas(Duration.ofMillis(50));
             TestEndpoint endpoint = TestEndpoint.start(uas, null, List.of(ListenerSpec.of(Transport.UDP, loopback(port))),
                     m -> isResponse(m, 200) && "BYE".equals(((SipResponse) m).cSeq().method()))) {
            Path logs = temp.resolve("uac-lost-200");
            Sipp.Result call = Sipp.in(logs).remote(loopback(port)).builtIn("uac").service("uas")
                    .transport(Sipp.Transport.UDP).local("127.0.0.1", FreePorts.tcpAndUdp()).calls(1).limit(LIMIT).run();
            assertThat(call.allCallsSucceeded()).as(call.describe()).isTrue();
            assertThat(uas.byes.get()).as("BYEs reaching the core").isEqualTo(1);
            assertThat(count(BYE_SENT, Files.readString(logs.resolve("messages.log")))).as("BYEs SIPp sent")
                    .isGreaterThanOrEqualTo(2);
            List<SipMessage> okToBye = endpoint.wire().stream()
                    .filter(m -> isResponse(m, 200) && "BYE".equals(((SipResponse) m).cSeq().method())).toList();
            assertThat(okToBye).as("the 200 to the BYE, lost, then sent again").hasSizeGreaterThanOrEqualTo(2);
            assertThat(SipWriter.toBytes(okToBye.get(1))).isEqualTo(SipWriter.toBytes(okToBye.get(0)));
        }
    }

    @ParameterizedTest
    @EnumSource(Plain.class)
    void our_uac_calls_sipp_and_on_udp_a_lost_invite_is_sent_again_by_timer_a(Plain plain) throws Exception {
        Transport transport = Transport.valueOf(plain.name());
        int sippPort = FreePorts.tcpAndUdp();
        Path logs = temp.resolve("uas-" + plain);
        Process sipp = Sipp.in(logs).builtIn("uas").transport(plain == Plain.UDP ? Sipp.Transport.UDP : Sipp.Transport.TCP)
                .local("127.0.0.1", sippPort).calls(1).limit(LIMIT).start();
        CallingUac uac = new CallingUac();
        try (TestEndpoint endpoint = TestEndpoint.start(uac, null,
                List.of(ListenerSpec.of(transport, loopback(FreePorts.tcpAndUdp()))),
                m -> plain == Plain.UDP && m.isRequest() && ((SipRequest) m).isMethod("INVITE"))) {
            FreePorts.awaitListening(sippPort, plain == Plain.TCP, Duration.ofSeconds(10));
            uac.call(endpoint.layer(), Hop.of(plain.name(), loopback(sippPort)), endpoint.address(transport), "sipp")
                    .get(LIMIT.toSeconds(), TimeUnit.SECONDS);
            Sipp.Result answered = Sipp.await(sipp, logs, LIMIT);
            assertThat(answered.allCallsSucceeded()).as(answered.describe()).isTrue();
            long invites = endpoint.wire().stream().filter(m -> m.isRequest() && ((SipRequest) m).isMethod("INVITE")).count();
            assertThat(invites).as("INVITEs put on the wire").isEqualTo(plain == Plain.UDP ? 2 : 1);
        } finally {
            sipp.destroy();
        }
    }

    @Test
    void over_tls_sipp_through_stunnel_calls_our_uas_and_our_uac_calls_sipp_through_stunnel() throws Exception {
        SelfSignedCertificateIssuer issuer = new SelfSignedCertificateIssuer(Clock.systemUTC(), new SecureRandom());
        SiteIdentity ours = issuer.issue(SiteName.of("our-stack"));
        SiteIdentity theirs = issuer.issue(SiteName.of("stunnel-peer"));
        Path ourPem = Files.writeString(temp.resolve("ours.pem"), PemCertificates.write(ours.certificate()));
        Path theirPem = Files.writeString(temp.resolve("theirs.pem"), PemCertificates.write(theirs.certificate()));
        Path theirKey = Files.writeString(temp.resolve("theirs.key"), privateKeyPem(theirs));
        Files.setPosixFilePermissions(theirKey, PosixFilePermissions.fromString("rw-------"));
        TlsContexts tls = new TlsContexts(new TlsCredentials(ours.privateKey(), List.of(ours.certificate()),
                new PinnedCertificate(theirs.certificate())));
        int tlsPort = FreePorts.tcpAndUdp();

        // SIPp (TCP) -> stunnel client (verifies our certificate) -> our TLS listener -> our UAS.
        try (AnsweringUas uas = new AnsweringUas(Duration.ofMillis(50));
             TestEndpoint endpoint = TestEndpoint.start(uas, tls,
                     List.of(new ListenerSpec(Transport.TLS, loopback(tlsPort), ClientAuth.NONE)), m -> false);
             Stunnel toUs = Stunnel.client(temp.resolve("stunnel-in"), loopback(FreePorts.tcpAndUdp()), loopback(tlsPort), ourPem)) {
            Sipp.Result call = Sipp.in(temp.resolve("tls-uac")).remote(toUs.accept()).builtIn("uac").service("uas")
                    .transport(Sipp.Transport.TCP).local("127.0.0.1", FreePorts.tcpAndUdp()).calls(1).limit(LIMIT).run();
            assertThat(call.allCallsSucceeded()).as(call.describe()).isTrue();
            assertThat(uas.byes.get()).isEqualTo(1);
        }

        // Our UAC -> our TLS client (pins stunnel's certificate) -> stunnel server -> SIPp (TCP).
        int sippPort = FreePorts.tcpAndUdp();
        Process sipp = Sipp.in(temp.resolve("tls-uas")).builtIn("uas").transport(Sipp.Transport.TCP)
                .local("127.0.0.1", sippPort).calls(1).limit(LIMIT).start();
        CallingUac uac = new CallingUac();
        try (Stunnel toSipp = Stunnel.server(temp.resolve("stunnel-out"), loopback(FreePorts.tcpAndUdp()), loopback(sippPort),
                     theirPem, theirKey);
             TestEndpoint endpoint = TestEndpoint.start(uac, tls,
                     List.of(new ListenerSpec(Transport.TLS, loopback(FreePorts.tcpAndUdp()), ClientAuth.NONE)), m -> false)) {
            uac.call(endpoint.layer(), Hop.tls(toSipp.accept()), endpoint.address(Transport.TLS), "sipp")
                    .get(LIMIT.toSeconds(), TimeUnit.SECONDS);
            Sipp.Result answered = Sipp.await(sipp, temp.resolve("tls-uas"), LIMIT);
            assertThat(answered.allCallsSucceeded()).as(answered.describe()).isTrue();
        } finally {
            sipp.destroy();
        }
    }

    private static InetSocketAddress loopback(int port) {
        return new InetSocketAddress("127.0.0.1", port);
    }

    private static boolean isResponse(SipMessage message, int status) {
        return !message.isRequest() && ((SipResponse) message).statusCode() == status;
    }

    private static int count(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    /** PKCS#8 PEM, which stunnel's OpenSSL reads (test material only: a site's key never leaves its keystore). */
    private static String privateKeyPem(SiteIdentity identity) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            pem.writeObject(new JcaPKCS8Generator(identity.privateKey(), null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
