package org.sipsocial.media;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Where the relay listens: its LAN side (the address phones reach it at, and the range of ports it gives calls),
 * and its one UDP port towards other sites.
 *
 * @param lanAddress  the address of the site on its LAN (phones send media here)
 * @param firstPort   the first port of the LAN range (even)
 * @param lastPort    the last port of the LAN range
 * @param linkSide    the one UDP socket for media between sites (port 0 for any)
 * @param idleTimeout a leg no packet passed for this long is closed (a call that ended without the site seeing it)
 * @param pathProbeInterval how often each media path between sites is probed ({@link MediaPath})
 */
public record MediaSettings(String lanAddress, int firstPort, int lastPort, InetSocketAddress linkSide, Duration idleTimeout,
        Duration pathProbeInterval) {
    /** Probes once a second: a path that stops answering moves into the link within about four seconds. */
    public static final Duration PATH_PROBE_INTERVAL = Duration.ofSeconds(1);

    public MediaSettings(String lanAddress, int firstPort, int lastPort, InetSocketAddress linkSide, Duration idleTimeout) {
        this(lanAddress, firstPort, lastPort, linkSide, idleTimeout, PATH_PROBE_INTERVAL);
    }
}
