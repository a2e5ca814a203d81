package org.sipsocial.media;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** What the media relay counts, and the gauge of its LAN ports in use, in the site's meter registry. */
final class RelayCounters {
    final Counter relayedToSite;
    final Counter relayedToPhone;
    final Counter authenticationFailures;
    final Counter phoneAuthenticationFailures;
    final Counter dropped;
    final Counter idleClosed;
    /** Ports of the range whose bind failed because another socket held them: skipped, tried again later. */
    final Counter heldElsewhere;

    RelayCounters(MeterRegistry metrics, PortPool ports) {
        this.relayedToSite = Counter.builder("sipsocial_media_packets").tag("direction", "to_site").register(metrics);
        this.relayedToPhone = Counter.builder("sipsocial_media_packets").tag("direction", "to_phone").register(metrics);
        this.authenticationFailures = Counter.builder("sipsocial_media_srtp_failures")
                .description("SRTP packets from another site that failed authentication or replay checks, dropped")
                .register(metrics);
        this.phoneAuthenticationFailures = Counter.builder("sipsocial_media_phone_srtp_failures")
                .description("SRTP packets from phones that speak SRTP on the LAN that failed authentication or replay checks, dropped")
                .register(metrics);
        this.dropped = Counter.builder("sipsocial_media_dropped")
                .description("Packets with no call, no peer yet, or not RTP, dropped").register(metrics);
        this.idleClosed = Counter.builder("sipsocial_media_idle_legs_closed")
                .description("Legs closed because no packet passed them for the idle timeout (calls that ended badly)")
                .register(metrics);
        this.heldElsewhere = Counter.builder("sipsocial_media_ports_held_elsewhere")
                .description("Media ports of the range skipped because another socket held them").register(metrics);
        Gauge.builder("sipsocial_media_ports_in_use", ports, PortPool::inUse).register(metrics);
    }
}
