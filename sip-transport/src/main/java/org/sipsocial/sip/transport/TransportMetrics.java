package org.sipsocial.sip.transport;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.sipsocial.sip.message.Rejection;

/**
 * The transport's meters, so that every limit hit is visible:
 *
 * <pre>
 * sip.transport.connections                 gauge    transport           open connections
 * sip.transport.connections.opened          counter  transport,direction
 * sip.transport.connections.refused         counter  transport,reason    total-limit / address-limit / blocked-source
 * sip.transport.connections.closed          counter  transport,reason    see {@link CloseReason}
 * sip.transport.messages.received           counter  transport,kind      request / response
 * sip.transport.messages.sent               counter  transport,kind
 * sip.transport.messages.rejected           counter  transport,reason,action   answered / dropped / dropped-ack
 * sip.transport.keepalive                   counter  event               ping-received, pong-sent, ping-sent, pong-received
 * sip.transport.send.failed                 counter  failure             see {@link TransportFailure}
 * </pre>
 */
final class TransportMetrics {
    static final String CONNECTIONS = "sip.transport.connections";
    static final String OPENED = "sip.transport.connections.opened";
    static final String REFUSED = "sip.transport.connections.refused";
    static final String CLOSED = "sip.transport.connections.closed";
    static final String RECEIVED = "sip.transport.messages.received";
    static final String SENT = "sip.transport.messages.sent";
    static final String REJECTED = "sip.transport.messages.rejected";
    static final String KEEPALIVE = "sip.transport.keepalive";
    static final String SEND_FAILED = "sip.transport.send.failed";

    private final MeterRegistry registry;
    private final Map<Transport, AtomicInteger> open = new EnumMap<>(Transport.class);
    /**
     * The counters of every message in and out, by transport and kind ([ordinal][0] requests, [1] responses): found
     * once here, since a lookup in the registry per message (its id built and hashed) cost the network thread more than
     * the count.
     */
    private final Counter[][] receivedCounters;
    private final Counter[][] sentCounters;

    TransportMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.receivedCounters = messageCounters(registry, RECEIVED);
        this.sentCounters = messageCounters(registry, SENT);
        for (Transport t : Transport.values()) {
            if (!t.isStream()) continue;
            AtomicInteger n = new AtomicInteger();
            open.put(t, n);
            registry.gauge(CONNECTIONS, Tags.of("transport", tag(t)), n);
        }
    }

    void opened(Transport t, boolean outbound) {
        open.get(t).incrementAndGet();
        registry.counter(OPENED, "transport", tag(t), "direction", outbound ? "outbound" : "inbound").increment();
    }

    void closed(Transport t, CloseReason reason) {
        open.get(t).decrementAndGet();
        registry.counter(CLOSED, "transport", tag(t), "reason", reason.tag()).increment();
    }

    void refused(Transport t, ConnectionTable.Admission why) {
        registry.counter(REFUSED, "transport", tag(t), "reason", why.tag()).increment();
    }

    void received(Transport t, boolean request) {
        receivedCounters[t.ordinal()][request ? 0 : 1].increment();
    }

    void sent(Transport t, boolean request) {
        sentCounters[t.ordinal()][request ? 0 : 1].increment();
    }

    private static Counter[][] messageCounters(MeterRegistry registry, String name) {
        Counter[][] counters = new Counter[Transport.values().length][];
        for (Transport t : Transport.values()) {
            counters[t.ordinal()] = new Counter[] {
                registry.counter(name, "transport", tag(t), "kind", "request"),
                registry.counter(name, "transport", tag(t), "kind", "response")};
        }
        return counters;
    }

    void rejected(Transport t, Rejection rejection, BadInput.Action action) {
        registry.counter(REJECTED, "transport", tag(t), "reason",
                rejection.reason().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                "action", action.tag()).increment();
    }

    void keepAlive(String event) {
        registry.counter(KEEPALIVE, "event", event).increment();
    }

    void sendFailed(TransportFailure failure) {
        registry.counter(SEND_FAILED, "failure", failure.name().toLowerCase(Locale.ROOT).replace('_', '-')).increment();
    }

    private static String tag(Transport t) {
        return t.name().toLowerCase(Locale.ROOT);
    }
}
