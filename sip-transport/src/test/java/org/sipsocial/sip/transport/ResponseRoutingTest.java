package org.sipsocial.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;

class ResponseRoutingTest {
    private Endpoint server;

    @BeforeEach
    void start() {
        server = Endpoint.recording(TransportLimits.DEFAULTS, null,
                Endpoint.loopback(Transport.UDP), Endpoint.loopback(Transport.TCP));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aUdpResponseGoesToTheReceivedAddressAndRportNotToTheSentByOfTheVia() throws Exception {
        try (RawClient behindNat = RawClient.open(Transport.UDP, server.address(Transport.UDP))) {
            behindNat.send(Messages.optionsText(Transport.UDP, "phone.invalid:5999", ";rport"));
            SipRequest received = server.next().request();
            assertThat(received.topVia().received()).isEqualTo("127.0.0.1");
            assertThat(received.topVia().rport()).isEqualTo(behindNat.local().getPort());

            server.transport.sendResponse(Messages.ok(received)).get(5, TimeUnit.SECONDS);

            SipResponse response = behindNat.awaitResponse(Duration.ofSeconds(5));
            assertThat(response).isNotNull();
            assertThat(response.callId()).isEqualTo(received.callId());
        }
    }

    @Test
    void aUdpResponseWithoutRportGoesToTheReceivedAddressAtTheSentByPort() throws Exception {
        try (DatagramSocket listening = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
             RawClient sender = RawClient.open(Transport.UDP, server.address(Transport.UDP))) {
            sender.send(Messages.optionsText(Transport.UDP, "phone.invalid:" + listening.getLocalPort(), ""));
            SipRequest received = server.next().request();
            assertThat(received.topVia().received()).isEqualTo("127.0.0.1");
            assertThat(received.topVia().hasRport()).isFalse();

            server.transport.sendResponse(Messages.ok(received)).get(5, TimeUnit.SECONDS);

            listening.setSoTimeout(5000);
            java.net.DatagramPacket p = new java.net.DatagramPacket(new byte[4096], 4096);
            listening.receive(p);
            assertThat(new String(p.getData(), 0, p.getLength())).startsWith("SIP/2.0 200 OK");
            assertThat(sender.awaitResponse(Duration.ofMillis(200))).isNull();
        }
    }

    @Test
    void aViaWhoseSentByIsTheSourceAddressIsNotStamped() throws Exception {
        try (RawClient client = RawClient.open(Transport.UDP, server.address(Transport.UDP))) {
            client.send(Messages.optionsText(Transport.UDP, Messages.hostPort(client.local()), ""));

            SipRequest received = server.next().request();

            assertThat(received.topVia().received()).isNull();
            assertThat(received.topVia().hasRport()).isFalse();
        }
    }

    @Test
    void aTcpResponseGoesBackOverTheConnectionTheRequestCameOn() throws Exception {
        try (RawClient client = RawClient.open(Transport.TCP, server.address(Transport.TCP))) {
            client.send(Messages.optionsText(Transport.TCP, "phone.invalid:5999", ""));
            Inbound in = server.next();
            assertThat(in.connection().remote()).isEqualTo(client.local());

            server.transport.sendResponse(Messages.ok(in.request())).get(5, TimeUnit.SECONDS);

            assertThat(client.awaitResponse(Duration.ofSeconds(5)).statusCode()).isEqualTo(200);
            assertThat(server.transport.openConnections()).isEqualTo(1);
        }
    }

    @Test
    void aTcpResponseWhoseConnectionClosedOpensANewOneToTheReceivedAddressAndSentByPort() throws Exception {
        try (Endpoint phone = Endpoint.recording(TransportLimits.DEFAULTS, null, Endpoint.loopback(Transport.TCP))) {
            SipRequest request;
            try (RawClient client = RawClient.open(Transport.TCP, server.address(Transport.TCP))) {
                client.send(Messages.optionsText(Transport.TCP,
                        "phone.invalid:" + phone.address(Transport.TCP).getPort(), ""));
                request = server.next().request();
            }
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> server.transport.openConnections() == 0);

            server.transport.sendResponse(Messages.ok(request)).get(5, TimeUnit.SECONDS);

            assertThat(phone.next().response().callId()).isEqualTo(request.callId());
        }
    }

    @Test
    void aResponseWhoseTopViaNamesAnUnknownTransportFailsAsUnroutable() throws Exception {
        SipRequest request = Messages.options(Transport.UDP, "127.0.0.1:5", "");
        SipResponse response = Messages.ok(request).toBuilder().popVia()
                .pushVia(org.sipsocial.sip.message.header.Via.of("SCTP", "127.0.0.1", 5, "z9hG4bKx")).build();

        assertThat(server.transport.sendResponse(response))
                .failsWithin(Duration.ofSeconds(5))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause()
                .isInstanceOf(TransportException.class)
                .satisfies(e -> assertThat(((TransportException) e).failure())
                        .isEqualTo(TransportFailure.UNROUTABLE_RESPONSE));
        assertThat(server.count(TransportMetrics.SEND_FAILED, "failure", "unroutable-response")).isEqualTo(1);
    }
}
