package org.sipsocial.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sipsocial.sip.message.SipRequest;

/** RFC 3261 §18.3: a datagram is one message; a stream is cut by Content-Length. */
class FramingOverTheWireTest {
    private static Endpoint server;

    @BeforeAll
    static void start() {
        server = Endpoint.recording(TransportLimits.DEFAULTS, null,
                Endpoint.loopback(Transport.UDP), Endpoint.loopback(Transport.TCP));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static byte[] torture(String name) throws Exception {
        try (InputStream in = FramingOverTheWireTest.class.getResourceAsStream("/rfc4475/" + name + ".dat")) {
            return in.readAllBytes();
        }
    }

    @Test
    void aDatagramCarryingASecondRequestAfterTheBodyDeliversOnlyTheFirst() throws Exception {
        try (RawClient client = RawClient.open(Transport.UDP, server.address(Transport.UDP))) {
            client.send(torture("dblreq"));

            assertThat(server.next().request().method()).isEqualTo("REGISTER");
            assertThat(server.inbox.poll(300, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void onAStreamTheSameBytesAreTwoMessages() throws Exception {
        try (RawClient client = RawClient.open(Transport.TCP, server.address(Transport.TCP))) {
            client.send(torture("dblreq"));

            assertThat(server.next().request().method()).isEqualTo("REGISTER");
            assertThat(server.next().request().method()).isEqualTo("INVITE");
        }
    }

    @Test
    void aDatagramWhoseContentLengthExceedsItIsAnswered400() throws Exception {
        try (RawClient client = RawClient.open(Transport.UDP, server.address(Transport.UDP))) {
            client.send(torture("clerr"));

            assertThat(client.awaitResponse(Duration.ofSeconds(3)).statusCode()).isEqualTo(400);
            assertThat(server.inbox.poll(200, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void aDatagramOfLineEndsOnlyIsIgnoredWithoutCountingItAsARejection() throws Exception {
        double before = server.count(TransportMetrics.REJECTED);
        try (RawClient client = RawClient.open(Transport.UDP, server.address(Transport.UDP))) {
            client.send("\r\n\r\n");
            client.send(Messages.optionsText(Transport.UDP, Messages.hostPort(client.local()), ""));

            assertThat(server.next().request().method()).isEqualTo("OPTIONS");
            assertThat(server.count(TransportMetrics.REJECTED)).isEqualTo(before);
        }
    }

    @Test
    void aStreamMessageSplitAcrossManyWritesIsDeliveredOnceWhole() throws Exception {
        byte[] request = Messages.optionsText(Transport.TCP, "phone.invalid", "").getBytes();
        try (RawClient client = RawClient.open(Transport.TCP, server.address(Transport.TCP))) {
            for (int i = 0; i < request.length; i += 40) {
                client.send(java.util.Arrays.copyOfRange(request, i, Math.min(request.length, i + 40)));
                Thread.sleep(2);
            }

            SipRequest received = server.next().request();
            assertThat(received.method()).isEqualTo("OPTIONS");
            assertThat(server.inbox.poll(100, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void aStreamWithoutContentLengthCannotBeFramedAndIsClosedAfterA400() throws Exception {
        try (RawClient client = RawClient.open(Transport.TCP, server.address(Transport.TCP))) {
            client.send(Messages.optionsText(Transport.TCP, "phone.invalid", "").replace("Content-Length: 0\r\n", ""));

            assertThat(client.awaitResponse(Duration.ofSeconds(3)).statusCode()).isEqualTo(400);
            assertThat(client.closedByPeer(Duration.ofSeconds(3))).isTrue();
        }
    }

    @Test
    void crlfsBeforeAStreamMessageAreSkipped() throws Exception {
        try (RawClient client = RawClient.open(Transport.TCP, server.address(Transport.TCP))) {
            client.send("\r\n" + Messages.optionsText(Transport.TCP, "phone.invalid", ""));

            assertThat(server.next().request().method()).isEqualTo("OPTIONS");
        }
    }
}
