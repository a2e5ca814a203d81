package org.sipsocial.media;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The metrics of one site's media path, by site and by way ({@code udp} or {@code link}):
 * <pre>
 * sipsocial_media_path_packets_total{site, via, direction="sent"|"received"}
 * sipsocial_media_path_bytes_total{site, via, direction}
 * sipsocial_media_path_lost_packets_total{site}   gaps in RTP sequence numbers from that site, as they show
 * sipsocial_media_path_late_packets_total{site}   RTP packets from that site behind one already relayed
 * </pre>
 * (A late packet was counted as lost when its gap showed; a call's own counts are in its legs.)
 */
final class PathMeters {
    private final Counter sentUdp;
    private final Counter sentLink;
    private final Counter receivedUdp;
    private final Counter receivedLink;
    private final Counter sentUdpBytes;
    private final Counter sentLinkBytes;
    private final Counter receivedUdpBytes;
    private final Counter receivedLinkBytes;
    final Counter lost;
    final Counter late;

    PathMeters(MeterRegistry registry, String site) {
        sentUdp = packets(registry, site, "udp", "sent");
        sentLink = packets(registry, site, "link", "sent");
        receivedUdp = packets(registry, site, "udp", "received");
        receivedLink = packets(registry, site, "link", "received");
        sentUdpBytes = bytes(registry, site, "udp", "sent");
        sentLinkBytes = bytes(registry, site, "link", "sent");
        receivedUdpBytes = bytes(registry, site, "udp", "received");
        receivedLinkBytes = bytes(registry, site, "link", "received");
        lost = Counter.builder("sipsocial_media_path_lost_packets").tag("site", site)
                .description("RTP packets from the site missing from their streams' sequence numbers").register(registry);
        late = Counter.builder("sipsocial_media_path_late_packets").tag("site", site)
                .description("RTP packets from the site that came after a later one").register(registry);
    }

    /** A framed packet went to the other relay, over UDP or ({@code inLink}) inside the link. */
    void sent(boolean inLink, int bytes) {
        (inLink ? sentLink : sentUdp).increment();
        (inLink ? sentLinkBytes : sentUdpBytes).increment(bytes);
    }

    /** An authenticated packet came from the other relay. */
    void received(boolean inLink, int bytes) {
        (inLink ? receivedLink : receivedUdp).increment();
        (inLink ? receivedLinkBytes : receivedUdpBytes).increment(bytes);
    }

    private static Counter packets(MeterRegistry registry, String site, String via, String direction) {
        return Counter.builder("sipsocial_media_path_packets").tag("site", site).tag("via", via).tag("direction", direction)
                .description("Media packets between this site's relay and another site's").register(registry);
    }

    private static Counter bytes(MeterRegistry registry, String site, String via, String direction) {
        return Counter.builder("sipsocial_media_path_bytes").tag("site", site).tag("via", via).tag("direction", direction)
                .baseUnit("bytes").description("Media bytes between this site's relay and another site's").register(registry);
    }
}
