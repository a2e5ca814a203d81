package org.sipsocial.it;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.sipsocial.server.sip.TransactionTransportAdapter;
import org.sipsocial.sip.message.SipMessage;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;
import org.sipsocial.sip.transaction.Hop;
import org.sipsocial.sip.transaction.Sender;
import org.sipsocial.sip.transaction.TimerService;
import org.sipsocial.sip.transaction.TimerSettings;
import org.sipsocial.sip.transaction.TransactionLayer;
import org.sipsocial.sip.transaction.TransactionUser;
import org.sipsocial.sip.transport.ListenerSpec;
import org.sipsocial.sip.transport.SipTransport;
import org.sipsocial.sip.transport.TlsContexts;
import org.sipsocial.sip.transport.Transport;

/**
 * A small SIP element built on our transaction layer and Netty transport alone (no site above it), for
 * interoperation tests with SIPp. What it puts on the wire is recorded, and a test may have it lose one chosen
 * message, to show that the transactions retransmit and absorb retransmissions as RFC 3261 §17 says.
 */
final class TestEndpoint implements AutoCloseable {
    private final SipTransport transport;
    private final TransactionLayer layer;
    private final ScheduledExecutorService timers;
    private final LossyWire wire;

    private TestEndpoint(SipTransport transport, TransactionLayer layer, ScheduledExecutorService timers, LossyWire wire) {
        this.transport = transport;
        this.layer = layer;
        this.timers = timers;
        this.wire = wire;
    }

    /** @param lose the first message matching this is lost instead of sent */
    static TestEndpoint start(TransactionUser user, TlsContexts tls, List<ListenerSpec> listeners, Predicate<SipMessage> lose) {
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        TransactionTransportAdapter adapter = new TransactionTransportAdapter(source -> true);
        LossyWire wire = new LossyWire(adapter, lose);
        TransactionLayer layer = new TransactionLayer(wire, TimerService.of(timers), TimerSettings.DEFAULTS, user);
        SipTransport.Builder builder = SipTransport.builder(adapter, new SimpleMeterRegistry());
        if (tls != null) {
            builder.tls(tls);
        }
        listeners.forEach(builder::listen);
        SipTransport transport = builder.start();
        adapter.connect(layer, transport);
        return new TestEndpoint(transport, layer, timers, wire);
    }

    /** Every message handed to the wire so far, the lost one included. */
    List<SipMessage> wire() {
        return List.copyOf(wire.sent);
    }

    TransactionLayer layer() {
        return layer;
    }

    InetSocketAddress address(Transport which) {
        return transport.localAddress(which);
    }

    @Override
    public void close() {
        transport.close();
        timers.shutdownNow();
    }

    /** The sender between the transactions and the transport: records everything and loses the one chosen message. */
    private static final class LossyWire implements Sender {
        private final Sender wire;
        private final Predicate<SipMessage> lose;
        private final AtomicBoolean lost = new AtomicBoolean();
        private final List<SipMessage> sent = new CopyOnWriteArrayList<>();

        LossyWire(Sender wire, Predicate<SipMessage> lose) {
            this.wire = wire;
            this.lose = lose;
        }

        private boolean losing(SipMessage message) {
            sent.add(message);
            return lose.test(message) && lost.compareAndSet(false, true);
        }

        @Override
        public void send(SipRequest request, Hop next) {
            if (!losing(request)) {
                wire.send(request, next);
            }
        }

        @Override
        public void sendResponse(SipResponse response, Hop requestSource) {
            if (!losing(response)) {
                wire.sendResponse(response, requestSource);
            }
        }
    }
}
