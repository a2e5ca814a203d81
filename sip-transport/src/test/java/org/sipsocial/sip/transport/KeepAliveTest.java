package org.sipsocial.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class KeepAliveTest {
    private static final TransportLimits FAST = TransportLimits.DEFAULTS
            .withKeepAlive(Duration.ofMillis(200), Duration.ofMillis(300))
            .withIdleTimeout(Duration.ofMillis(800));

    @Test
    void aDoubleCrlfPingIsAnsweredWithASingleCrlfPong() throws Exception {
        try (Endpoint server = Endpoint.answering(TransportLimits.DEFAULTS, null, Endpoint.loopback(Transport.TCP));
             RawClient client = RawClient.open(Transport.TCP, server.address(Transport.TCP))) {
            client.send("\r\n\r\n");

            assertThat(client.readRaw(Duration.ofMillis(500))).containsExactly('\r', '\n');
            assertThat(server.count(TransportMetrics.KEEPALIVE, "event", "pong-sent")).isEqualTo(1);
            assertThat(client.exchange().statusCode()).as("the connection still carries SIP").isEqualTo(200);
        }
    }

    @Test
    void aConnectionWeOpenedIsPingedAndClosedWhenNoPongComes() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, java.net.InetAddress.getByName("127.0.0.1"));
             Endpoint client = Endpoint.recording(FAST, null, Endpoint.loopback(Transport.TCP))) {
            client.transport.send(Messages.options(Transport.TCP, client.address(Transport.TCP)), Transport.TCP,
                    new InetSocketAddress("127.0.0.1", silent.getLocalPort())).get(5, TimeUnit.SECONDS);
            try (Socket accepted = silent.accept()) {
                accepted.setSoTimeout(2000);
                byte[] seen = readUntilPing(accepted.getInputStream());
                assertThat(new String(seen)).endsWith("\r\n\r\n");

                Awaitility.await().atMost(Duration.ofSeconds(3)).untilAsserted(() ->
                        assertThat(client.count(TransportMetrics.CLOSED, "reason", "pong-timeout")).isEqualTo(1));
                assertThat(client.transport.openConnections()).isZero();
            }
        }
    }

    @Test
    void aConnectionWeOpenedStaysOpenWhileThePeerSendsMessagesThoughItNeverPongs() throws Exception {
        TransportLimits limits = FAST.withKeepAlive(Duration.ofMillis(200), Duration.ofSeconds(1))
                .withIdleTimeout(Duration.ofSeconds(10));
        try (ServerSocket peer = new ServerSocket(0, 5, java.net.InetAddress.getByName("127.0.0.1"));
             Endpoint client = Endpoint.recording(limits, null, Endpoint.loopback(Transport.TCP))) {
            client.transport.send(Messages.options(Transport.TCP, client.address(Transport.TCP)), Transport.TCP,
                    new InetSocketAddress("127.0.0.1", peer.getLocalPort())).get(5, TimeUnit.SECONDS);
            try (Socket accepted = peer.accept()) {
                String sentBy = "127.0.0.1:" + peer.getLocalPort();
                long until = System.nanoTime() + Duration.ofMillis(2_500).toNanos();
                while (System.nanoTime() < until) {
                    accepted.getOutputStream().write(Messages.optionsText(Transport.TCP, sentBy, "")
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    Thread.sleep(100);
                }

                assertThat(client.count(TransportMetrics.KEEPALIVE, "event", "ping-sent")).isGreaterThanOrEqualTo(2);
                assertThat(client.count(TransportMetrics.KEEPALIVE, "event", "pong-received")).isZero();
                assertThat(client.count(TransportMetrics.CLOSED, "reason", "pong-timeout")).isZero();
                assertThat(client.transport.openConnections()).isEqualTo(1);
            }
        }
    }

    @Test
    void aConnectionWhosePeerAnswersPingsStaysOpenUntilIdle() throws Exception {
        TransportLimits longerIdle = FAST.withIdleTimeout(Duration.ofSeconds(3));
        try (Endpoint server = Endpoint.answering(TransportLimits.DEFAULTS, null, Endpoint.loopback(Transport.TCP));
             Endpoint client = Endpoint.recording(longerIdle, null, Endpoint.loopback(Transport.TCP))) {
            client.transport.send(Messages.options(Transport.TCP, client.address(Transport.TCP)), Transport.TCP,
                    server.address(Transport.TCP)).get(5, TimeUnit.SECONDS);

            Awaitility.await().atMost(Duration.ofSeconds(3)).untilAsserted(() ->
                    assertThat(client.count(TransportMetrics.KEEPALIVE, "event", "pong-received"))
                            .isGreaterThanOrEqualTo(2));
            assertThat(client.transport.openConnections()).isEqualTo(1);
            Awaitility.await().atMost(Duration.ofSeconds(6)).untilAsserted(() ->
                    assertThat(client.count(TransportMetrics.CLOSED, "reason", "idle")).isEqualTo(1));
        }
    }

    @Test
    void anIdleAcceptedConnectionIsClosed() throws Exception {
        try (Endpoint server = Endpoint.answering(FAST, null, Endpoint.loopback(Transport.TCP));
             RawClient client = RawClient.open(Transport.TCP, server.address(Transport.TCP))) {
            assertThat(client.exchange().statusCode()).isEqualTo(200);

            assertThat(client.closedByPeer(Duration.ofSeconds(3))).isTrue();
            Awaitility.await().atMost(Duration.ofSeconds(2)).untilAsserted(() ->
                    assertThat(server.count(TransportMetrics.CLOSED, "reason", "idle")).isEqualTo(1));
        }
    }

    @Test
    void pingsFromThePeerKeepAnAcceptedConnectionFromGoingIdle() throws Exception {
        try (Endpoint server = Endpoint.answering(FAST, null, Endpoint.loopback(Transport.TCP));
             RawClient client = RawClient.open(Transport.TCP, server.address(Transport.TCP))) {
            assertThat(client.exchange().statusCode()).isEqualTo(200);
            for (int i = 0; i < 6; i++) {
                Thread.sleep(250);
                client.send("\r\n\r\n");
                assertThat(client.readRaw(Duration.ofMillis(300))).containsExactly('\r', '\n');
            }

            assertThat(server.count(TransportMetrics.CLOSED, "reason", "idle")).isZero();
            assertThat(client.exchange().statusCode()).isEqualTo(200);
        }
    }

    private static byte[] readUntilPing(InputStream in) throws Exception {
        java.io.ByteArrayOutputStream seen = new java.io.ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            seen.write(b);
            String s = seen.toString();
            if (s.endsWith("\r\n\r\n") && s.indexOf("\r\n\r\n") < s.length() - 4) return seen.toByteArray();
        }
        return seen.toByteArray();
    }
}
