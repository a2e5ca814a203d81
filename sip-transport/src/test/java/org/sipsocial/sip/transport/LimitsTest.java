package org.sipsocial.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.sipsocial.sip.message.SipLimits;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;
import org.sipsocial.sip.message.header.MediaType;

class LimitsTest {
    @Test
    void connectionsFromOneAddressBeyondTheLimitAreClosedAndCounted() throws Exception {
        TransportLimits limits = TransportLimits.DEFAULTS.withMaxConnectionsPerAddress(3);
        try (Endpoint server = Endpoint.answering(limits, null, Endpoint.loopback(Transport.TCP))) {
            List<RawClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) clients.add(RawClient.open(Transport.TCP, server.address(Transport.TCP)));

                Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                        server.count(TransportMetrics.REFUSED, "reason", "address-limit")).isEqualTo(2));
                List<RawClient> served = new ArrayList<>();
                for (RawClient c : clients) {
                    if (!c.closedByPeer(Duration.ofMillis(300))) served.add(c);
                }
                assertThat(served).hasSize(3);
                for (RawClient c : served) assertThat(c.exchange().statusCode()).isEqualTo(200);
            } finally {
                for (RawClient c : clients) c.close();
            }
        }
    }

    @Test
    void noConnectionIsOpenedBeyondTheTotalLimitInEitherDirection() throws Exception {
        TransportLimits limits = TransportLimits.DEFAULTS.withMaxConnections(1);
        try (Endpoint server = Endpoint.answering(limits, null, Endpoint.loopback(Transport.TCP));
             Endpoint other = Endpoint.answering(TransportLimits.DEFAULTS, null, Endpoint.loopback(Transport.TCP));
             RawClient first = RawClient.open(Transport.TCP, server.address(Transport.TCP));
             RawClient second = RawClient.open(Transport.TCP, server.address(Transport.TCP))) {
            Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                    server.count(TransportMetrics.REFUSED, "reason", "total-limit")).isEqualTo(1));
            boolean firstRefused = first.closedByPeer(Duration.ofMillis(300));
            boolean secondRefused = second.closedByPeer(Duration.ofMillis(300));
            assertThat(firstRefused).isNotEqualTo(secondRefused);
            assertThat((firstRefused ? second : first).exchange().statusCode()).isEqualTo(200);

            ExecutionException e = org.assertj.core.api.Assertions.catchThrowableOfType(ExecutionException.class,
                    () -> server.transport.send(Messages.options(Transport.TCP, server.address(Transport.TCP)),
                            Transport.TCP, other.address(Transport.TCP)).get(5, TimeUnit.SECONDS));

            assertThat(((TransportException) e.getCause()).failure()).isEqualTo(TransportFailure.CONNECTION_LIMIT);
            assertThat(server.count(TransportMetrics.REFUSED, "reason", "total-limit")).isEqualTo(2);
        }
    }

    @Test
    void aMessageLargerThanTheLimitClosesTheConnectionWithoutBufferingIt() throws Exception {
        TransportLimits limits = TransportLimits.DEFAULTS.withSip(new SipLimits(4096, 64, 4096, 10));
        try (Endpoint server = Endpoint.answering(limits, null, Endpoint.loopback(Transport.TCP));
             RawClient client = RawClient.open(Transport.TCP, server.address(Transport.TCP))) {
            client.send("OPTIONS sip:bob@site.test SIP/2.0\r\nX-Filler: " + "a".repeat(3000));
            client.send("b".repeat(3000));

            assertThat(client.closedByPeer(Duration.ofSeconds(3))).isTrue();
            Awaitility.await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
                assertThat(server.count(TransportMetrics.CLOSED, "reason", "framing")).isEqualTo(1);
                assertThat(server.count(TransportMetrics.REJECTED, "reason", "message-too-large")).isEqualTo(1);
            });
        }
    }

    @Test
    void aPeerThatDoesNotReadIsClosedWhenThePendingBytesPassTheLimit() throws Exception {
        TransportLimits limits = TransportLimits.DEFAULTS.withMaxPendingOutboundBytes(64 * 1024);
        try (Endpoint server = Endpoint.recording(limits, null, Endpoint.loopback(Transport.TCP));
             Socket reader = new Socket()) {
            reader.setReceiveBufferSize(4096);
            reader.connect(server.address(Transport.TCP));
            reader.getOutputStream().write(Messages.optionsText(Transport.TCP, "phone.invalid:5060", ";rport")
                    .getBytes());
            SipRequest request = server.next().request();
            SipResponse big = Messages.ok(request).toBuilder()
                    .body(MediaType.parse("text/plain"), "x".repeat(4096)).build();

            for (int i = 0; i < 20_000 && server.transport.openConnections() > 0; i++) {
                server.transport.sendResponse(big);
            }

            Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(server.count(TransportMetrics.CLOSED, "reason", "outbound-backlog")).isEqualTo(1));
            assertThat(server.transport.openConnections()).isZero();
        }
    }

    @Test
    void limitsOutsideTheirBoundsAreRefusedWithTheBadValueNamed() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TransportLimits.DEFAULTS.withMaxConnections(0))
                .hasMessageContaining("maxConnections").hasMessageContaining("0");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TransportLimits.DEFAULTS.withReadTimeout(Duration.ZERO))
                .hasMessageContaining("readTimeout");
    }
}
