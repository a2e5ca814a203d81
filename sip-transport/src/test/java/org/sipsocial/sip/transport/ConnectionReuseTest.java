package org.sipsocial.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectionReuseTest {
    private Endpoint server;
    private Endpoint client;

    @BeforeEach
    void start() {
        server = Endpoint.answering(TransportLimits.DEFAULTS, null, Endpoint.loopback(Transport.TCP));
        client = Endpoint.recording(TransportLimits.DEFAULTS, null, Endpoint.loopback(Transport.TCP));
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void requestsToTheSameTargetShareOneTcpConnection() throws Exception {
        InetSocketAddress target = server.address(Transport.TCP);
        client.transport.send(Messages.options(Transport.TCP, client.address(Transport.TCP)), Transport.TCP, target)
                .get(5, TimeUnit.SECONDS);
        client.transport.send(Messages.options(Transport.TCP, client.address(Transport.TCP)), Transport.TCP, target)
                .get(5, TimeUnit.SECONDS);

        long first = server.next().connection().id();
        long second = server.next().connection().id();

        assertThat(second).isEqualTo(first);
        assertThat(client.transport.openConnections()).isEqualTo(1);
        assertThat(client.count(TransportMetrics.OPENED, "direction", "outbound")).isEqualTo(1);
    }

    @Test
    void concurrentFirstSendsToOneTargetOpenOnlyOneConnection() throws Exception {
        InetSocketAddress target = server.address(Transport.TCP);
        CompletableFuture<?>[] sends = new CompletableFuture<?>[20];
        for (int i = 0; i < sends.length; i++) {
            sends[i] = client.transport.send(Messages.options(Transport.TCP, client.address(Transport.TCP)),
                    Transport.TCP, target);
        }
        CompletableFuture.allOf(sends).get(5, TimeUnit.SECONDS);

        assertThat(client.count(TransportMetrics.OPENED, "direction", "outbound")).isEqualTo(1);
    }

    @Test
    void aRequestToThePeerOfAnAcceptedConnectionGoesOverThatConnection() throws Exception {
        client.transport.send(Messages.options(Transport.TCP, client.address(Transport.TCP)), Transport.TCP,
                server.address(Transport.TCP)).get(5, TimeUnit.SECONDS);
        Inbound atServer = server.next();
        client.next();

        server.transport.send(Messages.options(Transport.TCP, server.address(Transport.TCP)), Transport.TCP,
                atServer.remote()).get(5, TimeUnit.SECONDS);

        Inbound atClient = client.next();
        assertThat(atClient.isRequest()).isTrue();
        assertThat(atClient.connection().outbound()).isTrue();
        assertThat(server.count(TransportMetrics.OPENED, "direction", "outbound")).isZero();
    }

    @Test
    void aConnectionWhoseRequestsCarryAliasServesRequestsToTheSendersAdvertisedPort() throws Exception {
        InetSocketAddress advertised = client.address(Transport.TCP);
        client.transport.send(Messages.options(Transport.TCP, Messages.hostPort(advertised), ";rport;alias"),
                Transport.TCP, server.address(Transport.TCP)).get(5, TimeUnit.SECONDS);
        server.next();
        client.next();

        server.transport.send(Messages.options(Transport.TCP, server.address(Transport.TCP)), Transport.TCP,
                advertised).get(5, TimeUnit.SECONDS);

        Inbound atClient = client.next();
        assertThat(atClient.connection().outbound()).as("arrived on the connection the client opened").isTrue();
        assertThat(client.count(TransportMetrics.OPENED, "direction", "inbound")).isZero();
        assertThat(server.count(TransportMetrics.OPENED, "direction", "outbound")).isZero();
    }

    @Test
    void withoutAliasARequestToTheSendersListeningPortOpensItsOwnConnection() throws Exception {
        InetSocketAddress advertised = client.address(Transport.TCP);
        client.transport.send(Messages.options(Transport.TCP, advertised), Transport.TCP,
                server.address(Transport.TCP)).get(5, TimeUnit.SECONDS);
        server.next();
        client.next();

        server.transport.send(Messages.options(Transport.TCP, server.address(Transport.TCP)), Transport.TCP,
                advertised).get(5, TimeUnit.SECONDS);

        assertThat(client.next().connection().outbound()).isFalse();
        assertThat(server.count(TransportMetrics.OPENED, "direction", "outbound")).isEqualTo(1);
    }
}
