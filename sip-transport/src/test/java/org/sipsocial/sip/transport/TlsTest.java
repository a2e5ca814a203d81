package org.sipsocial.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sipsocial.identity.SiteIdentity;

class TlsTest {
    private static final SiteIdentity SERVER = TestPki.site("server.test");
    private static final SiteIdentity SERVER_RENEWED = TestPki.site("server.test");
    private static final SiteIdentity CLIENT = TestPki.site("client.test");
    private static final SiteIdentity STRANGER = TestPki.site("stranger.test");

    private static ListenerSpec tlsListener(ClientAuth mode) {
        return new ListenerSpec(Transport.TLS, new InetSocketAddress("127.0.0.1", 0), mode);
    }

    private static Endpoint client(SiteIdentity own, SiteIdentity... trusted) {
        return Endpoint.recording(TransportLimits.DEFAULTS, new TlsContexts(TestPki.credentials(own, trusted)));
    }

    private static void sendOptions(Endpoint from, Endpoint to) throws Exception {
        from.transport.send(Messages.options(Transport.TLS, "client.test:5061", ";rport"), Transport.TLS,
                to.address(Transport.TLS)).get(5, TimeUnit.SECONDS);
    }

    @Test
    void aClientCertificateRequiredByTheListenerIsVisibleToTheLayerAbove() throws Exception {
        try (Endpoint server = Endpoint.answering(TransportLimits.DEFAULTS,
                new TlsContexts(TestPki.credentials(SERVER, CLIENT)), tlsListener(ClientAuth.REQUIRE));
             Endpoint client = client(CLIENT, SERVER)) {
            sendOptions(client, server);

            Inbound atServer = server.next();
            assertThat(atServer.peerCertificates()).containsExactly(CLIENT.certificate());
            assertThat(atServer.connection().peerCertificates()).containsExactly(CLIENT.certificate());
            Inbound atClient = client.next();
            assertThat(atClient.peerCertificates()).containsExactly(SERVER.certificate());
        }
    }

    @Test
    void aListenerThatAsksForNoClientCertificateShowsAnEmptyChain() throws Exception {
        try (Endpoint server = Endpoint.answering(TransportLimits.DEFAULTS,
                new TlsContexts(TestPki.credentials(SERVER, CLIENT)), tlsListener(ClientAuth.NONE));
             Endpoint client = client(CLIENT, SERVER)) {
            sendOptions(client, server);

            assertThat(server.next().peerCertificates()).isEmpty();
        }
    }

    @Test
    void aClientWhoseCertificateIsNotPinnedIsRefusedWhenTheListenerRequiresOne() throws Exception {
        try (Endpoint server = Endpoint.answering(TransportLimits.DEFAULTS,
                new TlsContexts(TestPki.credentials(SERVER, CLIENT)), tlsListener(ClientAuth.REQUIRE));
             Endpoint stranger = client(STRANGER, SERVER)) {
            Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> sendOptions(stranger, server));

            assertThat(server.inbox.poll(300, TimeUnit.MILLISECONDS)).isNull();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(server.count(TransportMetrics.CLOSED, "reason", "tls-handshake")).isEqualTo(1));
            assertThat(failure == null || failure instanceof ExecutionException).isTrue();
        }
    }

    @Test
    void aServerWhoseCertificateIsNotPinnedIsRefusedByTheClient() throws Exception {
        try (Endpoint server = Endpoint.answering(TransportLimits.DEFAULTS,
                new TlsContexts(TestPki.credentials(STRANGER, CLIENT)), tlsListener(ClientAuth.NONE));
             Endpoint client = client(CLIENT, SERVER)) {
            ExecutionException e = org.assertj.core.api.Assertions.catchThrowableOfType(ExecutionException.class,
                    () -> sendOptions(client, server));

            assertThat(((TransportException) e.getCause()).failure()).isEqualTo(TransportFailure.CONNECT_FAILED);
            assertThat(client.count(TransportMetrics.SEND_FAILED, "failure", "connect-failed")).isEqualTo(1);
        }
    }

    @Test
    void aReplacedContextServesNewConnectionsWhileAnOpenConnectionKeepsTheOldCertificate() throws Exception {
        TlsContexts serverTls = new TlsContexts(TestPki.credentials(SERVER, CLIENT));
        try (Endpoint server = Endpoint.answering(TransportLimits.DEFAULTS, serverTls, tlsListener(ClientAuth.REQUIRE));
             Endpoint early = client(CLIENT, SERVER, SERVER_RENEWED);
             Endpoint late = client(CLIENT, SERVER, SERVER_RENEWED)) {
            sendOptions(early, server);
            server.next();
            assertThat(early.next().peerCertificates()).containsExactly(SERVER.certificate());

            serverTls.replace(TestPki.credentials(SERVER_RENEWED, CLIENT));
            sendOptions(late, server);
            sendOptions(early, server);

            server.next();
            server.next();
            assertThat(late.next().peerCertificates()).containsExactly(SERVER_RENEWED.certificate());
            Inbound earlyAgain = early.next();
            assertThat(earlyAgain.peerCertificates()).containsExactly(SERVER.certificate());
            assertThat(early.count(TransportMetrics.OPENED, "direction", "outbound")).isEqualTo(1);
        }
    }

    @Test
    void credentialsThatCannotMakeAContextAreRefusedAndTheOldOnesStay() {
        TlsContexts tls = new TlsContexts(TestPki.credentials(SERVER, CLIENT));
        TlsCredentials mismatched = new TlsCredentials(CLIENT.privateKey(), java.util.List.of(SERVER.certificate()),
                new PinnedTrustManager(CLIENT.certificate()));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tls.replace(mismatched))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(tls.credentials().certificateChain()).containsExactly(SERVER.certificate());
    }
}
