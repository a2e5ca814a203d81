package org.sipsocial.link.portmap;

import java.net.Inet4Address;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * What the router maps for a {@link PortMapper}: the external address, the external TCP and UDP ports it granted, the
 * dialect that got them, the shortest lifetime granted in the round, and when the round ended. Not thread-safe: the
 * mapper that owns it guards it.
 */
final class MappedPorts {
    private Dialect mappedBy;
    private Inet4Address external;
    private int externalTcpPort;
    private int externalUdpPort;
    private long shortestLifetime;
    private Instant renewed;

    /** A round starts: its lifetimes are the ones that count. */
    void roundStarted() {
        shortestLifetime = Long.MAX_VALUE;
    }

    /** The external port to suggest for {@code protocol}: the one granted before (on renewal), else {@code port}. */
    int suggested(MappedProtocol protocol, int port) {
        int granted = protocol == MappedProtocol.TCP ? externalTcpPort : externalUdpPort;
        return granted == 0 ? port : granted;
    }

    void granted(Dialect dialect, MappedProtocol protocol, int externalPort, long lifetime) {
        mappedBy = dialect;
        if (protocol == MappedProtocol.TCP) externalTcpPort = externalPort; else externalUdpPort = externalPort;
        shortestLifetime = Math.min(shortestLifetime, lifetime);
    }

    void external(Inet4Address address) {
        external = address;
    }

    Inet4Address external() {
        return external;
    }

    /** The dialect that made the mappings, or null when nothing was ever mapped. */
    Dialect mappedBy() {
        return mappedBy;
    }

    /** The round ended with every mapping granted, at {@code at}. */
    void renewed(Instant at) {
        renewed = at;
    }

    /** RFC 6886 §3.3, RFC 6887 §11.2.1: renew at half the shortest lifetime granted in the round (at least 1 s). */
    Duration renewal() {
        return Duration.ofSeconds(Math.max(1, shortestLifetime / 2));
    }

    PortMappingStatus status(ZoneId zone) {
        return PortMappingStatus.mapped(external, externalTcpPort, externalUdpPort, mappedBy.toString(), renewed, zone);
    }
}
