package org.sipsocial.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.header.MediaType;

class SendFailuresTest {
    private Endpoint sender;

    @BeforeEach
    void start() {
        sender = Endpoint.recording(TransportLimits.DEFAULTS, null, Endpoint.loopback(Transport.UDP));
    }

    @AfterEach
    void stop() {
        sender.close();
    }

    private static TransportFailure failureOf(CompletableFuture<Void> send) {
        ExecutionException e = catchThrowableOfType(ExecutionException.class, () -> send.get(5, TimeUnit.SECONDS));
        assertThat(e).as("the send fails").isNotNull();
        return ((TransportException) e.getCause()).failure();
    }

    private SipRequest request() {
        return Messages.options(Transport.UDP, sender.address(Transport.UDP));
    }

    @Test
    void anUnresolvedTargetIsLeftToTheLayerAboveToResolve() {
        assertThat(failureOf(sender.transport.send(request(), Transport.UDP,
                InetSocketAddress.createUnresolved("peer.example.com", 5060))))
                .isEqualTo(TransportFailure.UNRESOLVED_TARGET);
    }

    @Test
    void aUdpSendWithoutAListenerOfThatAddressFamilyFails() {
        assertThat(failureOf(sender.transport.send(request(), Transport.UDP, new InetSocketAddress("::1", 5))))
                .isEqualTo(TransportFailure.NO_LISTENER);
    }

    @Test
    void aTlsSendWithoutCredentialsFails() {
        assertThat(failureOf(sender.transport.send(request(), Transport.TLS, new InetSocketAddress("127.0.0.1", 5))))
                .isEqualTo(TransportFailure.NO_TLS);
    }

    @Test
    void aRequestLargerThanADatagramCanCarryFailsOverUdp() {
        SipRequest huge = request().toBuilder().body(MediaType.parse("text/plain"), "x".repeat(65_600)).build();

        assertThat(failureOf(sender.transport.send(huge, Transport.UDP, new InetSocketAddress("127.0.0.1", 5))))
                .isEqualTo(TransportFailure.MESSAGE_TOO_LARGE);
    }

    @Test
    void aRefusedConnectionFailsTheSendAndIsCounted() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closedPort = s.getLocalPort();
        }

        assertThat(failureOf(sender.transport.send(request(), Transport.TCP,
                new InetSocketAddress("127.0.0.1", closedPort)))).isEqualTo(TransportFailure.CONNECT_FAILED);
        assertThat(sender.count(TransportMetrics.SEND_FAILED, "failure", "connect-failed")).isEqualTo(1);
    }

    @Test
    void aClosedTransportRefusesToSend() {
        sender.close();

        assertThat(failureOf(sender.transport.send(request(), Transport.UDP, new InetSocketAddress("127.0.0.1", 5))))
                .isEqualTo(TransportFailure.CLOSED);
    }

    @Test
    void aTlsListenerWithoutCredentialsCannotStart() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Endpoint.recording(TransportLimits.DEFAULTS, null,
                Endpoint.loopback(Transport.TLS))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TLS");
    }

    @Test
    void aListenerThatCannotBindFailsTheWholeStart() throws Exception {
        InetSocketAddress taken = sender.address(Transport.UDP);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Endpoint.recording(TransportLimits.DEFAULTS, null,
                Endpoint.loopback(Transport.TCP), ListenerSpec.of(Transport.UDP, taken)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot start");
    }
}
