package org.sipsocial.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sipsocial.identity.SiteIdentity;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.header.Via;

class ExchangeOverEveryTransportTest {
    private static final SiteIdentity SERVER_SITE = TestPki.site("server.test");
    private static final SiteIdentity CLIENT_SITE = TestPki.site("client.test");
    private static Endpoint server;
    private static Endpoint client;

    @BeforeAll
    static void start() {
        TlsContexts serverTls = new TlsContexts(TestPki.credentials(SERVER_SITE, CLIENT_SITE));
        TlsContexts clientTls = new TlsContexts(TestPki.credentials(CLIENT_SITE, SERVER_SITE));
        server = Endpoint.answering(TransportLimits.DEFAULTS, serverTls,
                Endpoint.loopback(Transport.UDP), Endpoint.loopback(Transport.TCP), Endpoint.loopback(Transport.TLS));
        client = Endpoint.recording(TransportLimits.DEFAULTS, clientTls,
                Endpoint.loopback(Transport.UDP), Endpoint.loopback(Transport.TCP), Endpoint.loopback(Transport.TLS));
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @ParameterizedTest(name = "a request sent over {0} reaches the server and its response comes back")
    @EnumSource(Transport.class)
    void aRequestGetsItsResponseBack(Transport transport) throws Exception {
        SipRequest request = Messages.options(transport, client.address(transport));

        client.transport.send(request, transport, server.address(transport)).get(5, TimeUnit.SECONDS);

        Inbound atServer = server.next();
        assertThat(atServer.transport()).isEqualTo(transport);
        assertThat(atServer.request().callId()).isEqualTo(request.callId());
        assertThat(atServer.remote().getAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(atServer.connection() == null).isEqualTo(transport == Transport.UDP);
        Inbound atClient = client.next();
        assertThat(atClient.isRequest()).isFalse();
        assertThat(atClient.response().statusCode()).isEqualTo(200);
        assertThat(atClient.response().callId()).isEqualTo(request.callId());
        assertThat(atClient.transport()).isEqualTo(transport);
    }

    @ParameterizedTest(name = "over {0} the server stamps received and rport into the top Via of a request")
    @EnumSource(Transport.class)
    void theServerStampsReceivedAndRport(Transport transport) throws Exception {
        client.transport.send(Messages.options(transport, client.address(transport)), transport,
                server.address(transport)).get(5, TimeUnit.SECONDS);

        Inbound atServer = server.next();
        Via top = atServer.request().topVia();
        assertThat(top.received()).isEqualTo("127.0.0.1");
        assertThat(top.rport()).isEqualTo(atServer.remote().getPort());
        assertThat(client.next().response().topVia().rport()).isEqualTo(atServer.remote().getPort());
    }

    @ParameterizedTest(name = "over {0} the messages sent and received are counted")
    @EnumSource(Transport.class)
    void messagesAreCounted(Transport transport) throws Exception {
        String tag = transport.name().toLowerCase();
        double before = server.count(TransportMetrics.RECEIVED, "transport", tag, "kind", "request");

        client.transport.send(Messages.options(transport, client.address(transport)), transport,
                server.address(transport)).get(5, TimeUnit.SECONDS);
        client.next();

        assertThat(server.count(TransportMetrics.RECEIVED, "transport", tag, "kind", "request")).isEqualTo(before + 1);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(2)).untilAsserted(() -> assertThat(
                server.count(TransportMetrics.SENT, "transport", tag, "kind", "response")).isGreaterThanOrEqualTo(1));
    }

    @Test
    void theSameExchangeWorksOverIpv6LoopbackWhenTheHostHasIt() throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        org.junit.jupiter.api.Assumptions.assumeTrue(NetworkInterface.getByInetAddress(v6) != null, "no ::1 here");
        for (Transport transport : new Transport[] {Transport.UDP, Transport.TCP}) {
            ListenerSpec spec = ListenerSpec.of(transport, new InetSocketAddress(v6, 0));
            try (Endpoint v6Server = Endpoint.answering(TransportLimits.DEFAULTS, null, spec);
                 Endpoint v6Client = Endpoint.recording(TransportLimits.DEFAULTS, null,
                         ListenerSpec.of(transport, new InetSocketAddress(v6, 0)))) {
                v6Client.transport.send(Messages.options(transport, v6Client.address(transport)), transport,
                        v6Server.address(transport)).get(5, TimeUnit.SECONDS);

                assertThat(v6Server.next().request().topVia().received()).isEqualTo("::1");
                assertThat(v6Client.next().response().statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void theTransportRunsOnNativeEpollOnLinux() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"));
        assertThat(server.transport.nativeTransport()).isTrue();
    }
}
