package org.sipsocial.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sipsocial.identity.SiteIdentity;
import org.sipsocial.sip.message.SipResponse;

/** Whatever arrives, the server keeps serving: after each kind of bad input a valid request still gets its answer. */
class MalformedInputTest {
    /** The RFC 4475 §3.1.2 / §3.3 messages a receiver must refuse or tolerate (see EXPECTED.tsv), plus dblreq. */
    private static final List<String> TORTURE = List.of("badinv01", "clerr", "ncl", "scalar02", "scalarlg",
            "quotbal", "ltgtruri", "lwsruri", "lwsstart", "trws", "escruri", "regbadct", "badvers", "mismatch01",
            "mismatch02", "bigcode", "insuf", "multi01", "mcl01", "dblreq");
    private static final Duration READ_TIMEOUT = Duration.ofMillis(500);
    private static final SiteIdentity SERVER = TestPki.site("server.test");
    private static Endpoint server;

    @BeforeAll
    static void start() {
        TransportLimits limits = TransportLimits.DEFAULTS.withReadTimeout(READ_TIMEOUT).withMaxConnectionsPerAddress(16);
        server = Endpoint.answering(limits, new TlsContexts(TestPki.credentials(SERVER, SERVER)),
                Endpoint.loopback(Transport.UDP), Endpoint.loopback(Transport.TCP), Endpoint.loopback(Transport.TLS));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /**
     * A client socket; retried for a while when refused, because the connections of the previous
     * step may still count against the per-address limit until the server has seen them close.
     */
    private static RawClient connect(Transport t) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            try {
                return RawClient.open(t, server.address(t), new PinnedTrustManager(SERVER.certificate()));
            } catch (java.io.IOException refused) {
                if (System.nanoTime() > deadline) throw refused;
                Thread.sleep(50);
            }
        }
    }

    private static byte[] torture(String name) throws Exception {
        try (InputStream in = MalformedInputTest.class.getResourceAsStream("/rfc4475/" + name + ".dat")) {
            return in.readAllBytes();
        }
    }

    /** A valid request still gets its 200, on a fresh socket (retrying while a limit still holds). */
    private static void assertStillServing(Transport t) {
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .untilAsserted(() -> {
                    try (RawClient client = connect(t)) {
                        assertThat(client.exchange().statusCode()).isEqualTo(200);
                    }
                });
    }

    @ParameterizedTest(name = "over {0} the RFC 4475 torture messages are refused or answered and the server keeps serving")
    @EnumSource(Transport.class)
    void tortureMessagesLeaveTheServerServing(Transport t) throws Exception {
        double before = server.count(TransportMetrics.REJECTED, "transport", t.name().toLowerCase());
        if (t == Transport.UDP) {
            try (RawClient client = connect(t)) {
                for (String name : TORTURE) client.send(torture(name));
            }
        } else {
            for (String name : TORTURE) {
                try (RawClient client = connect(t)) {
                    client.send(torture(name));
                }
            }
        }

        assertStillServing(t);
        Awaitility.await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(
                server.count(TransportMetrics.REJECTED, "transport", t.name().toLowerCase()))
                .isGreaterThanOrEqualTo(before + 10));
    }

    @ParameterizedTest(name = "over {0} a malformed request is answered 400 with the problem in the reason phrase")
    @EnumSource(Transport.class)
    void aMalformedRequestIsAnswered400(Transport t) throws Exception {
        try (RawClient client = connect(t)) {
            client.send(torture("ncl"));

            SipResponse answer = client.awaitResponse(Duration.ofSeconds(3));
            assertThat(answer.statusCode()).isEqualTo(400);
            assertThat(answer.reasonPhrase()).contains("content length");
            assertThat(answer.callId()).isEqualTo("ncl.0ha0isndaksdj2193423r542w35");
        }
    }

    @ParameterizedTest(name = "over {0} a request of another SIP version is answered 505 and the connection stays usable")
    @EnumSource(Transport.class)
    void anotherSipVersionIsAnswered505(Transport t) throws Exception {
        try (RawClient client = connect(t)) {
            client.send(torture("badvers"));

            assertThat(client.awaitResponse(Duration.ofSeconds(3)).statusCode()).isEqualTo(505);
            assertThat(client.exchange().statusCode()).isEqualTo(200);
        }
    }

    @ParameterizedTest(name = "over {0} a malformed response is dropped without an answer")
    @EnumSource(Transport.class)
    void aMalformedResponseIsNeverAnswered(Transport t) throws Exception {
        try (RawClient client = connect(t)) {
            client.send(torture("bigcode"));

            assertThat(client.awaitResponse(Duration.ofMillis(300))).isNull();
            assertThat(client.exchange().statusCode()).isEqualTo(200);
        }
    }

    @ParameterizedTest(name = "over {0} random bytes are dropped and the server keeps serving")
    @EnumSource(Transport.class)
    void randomBytesLeaveTheServerServing(Transport t) throws Exception {
        Random random = new Random(4475);
        for (int round = 0; round < (t == Transport.UDP ? 50 : 8); round++) {
            byte[] junk = new byte[1 + random.nextInt(3000)];
            random.nextBytes(junk);
            try (RawClient client = connect(t)) {
                client.send(junk);
                if (t != Transport.UDP) client.closedByPeer(Duration.ofMillis(50));
            }
        }

        assertStillServing(t);
    }

    @ParameterizedTest(name = "over {0} a slow-loris sender trickling a request is closed by the read timeout")
    @EnumSource(value = Transport.class, names = {"TCP", "TLS"})
    void aSlowLorisIsClosedByTheReadTimeout(Transport t) throws Exception {
        double before = server.count(TransportMetrics.CLOSED, "reason", "read-timeout");
        byte[] request = Messages.optionsText(t, "phone.invalid:5060", ";rport").getBytes();
        long started = System.nanoTime();
        boolean closed = false;
        try (RawClient client = connect(t)) {
            for (int i = 0; i < request.length && !closed; i++) {
                client.send(new byte[] {request[i]});
                closed = client.closedByPeer(Duration.ofMillis(100));
            }
        } catch (java.io.IOException writeAfterClose) {
            closed = true;
        }

        assertThat(closed).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(READ_TIMEOUT.multipliedBy(4));
        Awaitility.await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(
                server.count(TransportMetrics.CLOSED, "reason", "read-timeout")).isGreaterThan(before));
        assertStillServing(t);
    }

    @ParameterizedTest(name = "over {0} a flood of half-open connections is refused or timed out and the server keeps serving")
    @EnumSource(value = Transport.class, names = {"TCP", "TLS"})
    void aFloodOfHalfOpenConnectionsLeavesTheServerServing(Transport t) throws Exception {
        double refusedBefore = server.count(TransportMetrics.REFUSED, "reason", "address-limit");
        List<Socket> flood = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                Socket s = new Socket();
                s.connect(server.address(t), 2000);
                flood.add(s);
            }
            Awaitility.await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(
                    server.count(TransportMetrics.REFUSED, "reason", "address-limit")).isGreaterThanOrEqualTo(refusedBefore + 24));

            assertStillServing(t);
        } finally {
            for (Socket s : flood) s.close();
        }
    }

    @ParameterizedTest(name = "over {0} the RFC 4475 requests turned into ACKs get no answer and the server keeps serving")
    @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
    void tortureMessagesTurnedIntoAcksGetNoAnswer(Transport t) throws Exception {
        double before = server.count(TransportMetrics.REJECTED, "transport", t.name().toLowerCase(), "action", "dropped-ack");
        if (t == Transport.UDP) {
            try (RawClient client = connect(t)) {
                for (String name : TortureAcks.REQUESTS) {
                    client.send(TortureAcks.withAckRequestLine(name));
                    client.send(TortureAcks.asAck(name));
                }
                assertThat(client.awaitMessage(Duration.ofMillis(500))).as("any answer").isNull();
            }
        } else {
            for (String name : TortureAcks.REQUESTS) {
                for (byte[] ack : List.of(TortureAcks.withAckRequestLine(name), TortureAcks.asAck(name))) {
                    try (RawClient client = connect(t)) {
                        client.send(ack);
                        assertThat(client.readRaw(Duration.ofMillis(60))).as("the answer to ACK " + name).isEmpty();
                    }
                }
            }
        }

        Awaitility.await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(server.count(
                TransportMetrics.REJECTED, "transport", t.name().toLowerCase(), "action", "dropped-ack"))
                .isGreaterThanOrEqualTo(before + 40));
        assertStillServing(t);
    }

    @ParameterizedTest(name = "over {0} an ACK without Content-Length gets no answer, only the connection closed")
    @EnumSource(value = Transport.class, names = {"TCP", "TLS"})
    void anAckWithoutContentLengthGetsNoAnswer(Transport t) throws Exception {
        try (RawClient client = connect(t)) {
            client.send(TortureAcks.ackWithoutContentLength(t, Messages.hostPort(client.local())));

            assertThat(client.readRaw(Duration.ofMillis(500))).isEmpty();
        }
        assertStillServing(t);
    }
}
