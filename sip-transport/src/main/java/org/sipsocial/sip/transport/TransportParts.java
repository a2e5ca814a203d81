package org.sipsocial.sip.transport;

import java.util.EnumMap;
import java.util.Map;

/** What the pipelines of one {@link SipTransport} share. */
final class TransportParts {
    private final TransportLimits limits;
    private final TlsContexts tls;
    private final InboundListener listener;
    private final TransportMetrics metrics;
    private final ConnectionTable table;
    private final ResponseRoutes routes;
    private final Map<Transport, InboundDispatcher> dispatchers = new EnumMap<>(Transport.class);
    private final SourceAdmission admission;

    TransportParts(TransportLimits limits, TlsContexts tls, InboundListener listener, TransportMetrics metrics,
            SourceAdmission admission) {
        this.admission = admission;
        this.limits = limits;
        this.tls = tls;
        this.listener = listener;
        this.metrics = metrics;
        this.table = new ConnectionTable(limits);
        this.routes = new ResponseRoutes(limits.maxResponseRoutes());
        for (Transport t : Transport.values()) dispatchers.put(t, new InboundDispatcher(t, this));
    }

    /** Which sources' messages are taken at all (per-source flood limits). */
    SourceAdmission admission() {
        return admission;
    }

    TransportLimits limits() {
        return limits;
    }

    /** The TLS contexts, or {@code null} when TLS is not configured. */
    TlsContexts tls() {
        return tls;
    }

    InboundListener listener() {
        return listener;
    }

    TransportMetrics metrics() {
        return metrics;
    }

    ConnectionTable table() {
        return table;
    }

    ResponseRoutes routes() {
        return routes;
    }

    InboundDispatcher dispatcher(Transport t) {
        return dispatchers.get(t);
    }
}
