package org.sipsocial.link;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/** What links count: links up, dials that failed, dials that crossed, and inbound handshakes refused, by reason. */
final class LinkMetrics {
    private final MeterRegistry registry;
    private final AtomicInteger up;

    LinkMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.up = registry.gauge("sipsocial.links.connected", new AtomicInteger());
    }

    /** Sets how many links are up. */
    void connected(int links) {
        up.set(links);
    }

    void dialFailed(LinkFailure reason) {
        counter("sipsocial.link.dial.failures", reason).increment();
    }

    /** Two sites' dials crossed into one connection (TCP simultaneous open), as through two NATs. */
    void crossedDial() {
        registry.counter("sipsocial.link.crossed.dials").increment();
    }

    void refused(LinkFailure reason) {
        counter("sipsocial.link.refusals", reason).increment();
    }

    private Counter counter(String name, LinkFailure reason) {
        return Counter.builder(name).tag("reason", reason.name().toLowerCase(java.util.Locale.ROOT)).register(registry);
    }
}
