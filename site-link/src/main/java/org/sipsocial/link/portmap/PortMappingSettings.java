package org.sipsocial.link.portmap;

import java.time.Duration;

/**
 * What a {@link PortMapper} maps and how patiently it asks.
 *
 * @param port          the port to map, the same number on TCP (the link port) and UDP (the media relay's port)
 * @param lifetime      the lifetime asked for; RFC 6886 §3.3 recommends 7200 seconds (two hours)
 * @param firstWait     RFC 6886 §3.1: the client first waits 250 ms for a response
 * @param attempts      §3.1: it sends the request again, doubling the wait each time; §3.1 gives up after the ninth
 *                      attempt and its 64 s wait (about two minutes), a client with nothing else to try. This one
 *                      has: NAT-PMP after PCP, then UPnP IGD. A router on the LAN that answers at all answers within
 *                      milliseconds, so five attempts (7.75 s of waiting, four lost datagrams in a row survived) end
 *                      each dialect, and a router that speaks UPnP only is asked within about 16 s, not four minutes
 * @param retryAfter    how long after a router that did not answer, or refused, the mapper asks again (a router
 *                      may have port mapping turned on later)
 */
public record PortMappingSettings(int port, Duration lifetime, Duration firstWait, int attempts, Duration retryAfter) {
    public static final Duration RECOMMENDED_LIFETIME = Duration.ofSeconds(7200);
    public static final Duration FIRST_WAIT = Duration.ofMillis(250);
    public static final int ATTEMPTS = 5;
    public static final Duration RETRY_AFTER = Duration.ofMinutes(10);

    public PortMappingSettings {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
        }
        if (lifetime.toSeconds() < 2 || firstWait.isNegative() || firstWait.isZero() || attempts < 1
                || retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException("port mapping timing out of bounds: " + lifetime + ", " + firstWait
                    + ", " + attempts + " attempts, " + retryAfter);
        }
    }

    /** The RFC's timing for {@code port}. */
    public static PortMappingSettings forPort(int port) {
        return new PortMappingSettings(port, RECOMMENDED_LIFETIME, FIRST_WAIT, ATTEMPTS, RETRY_AFTER);
    }

    /** §3.1: the wait after attempt {@code n} (0-based): 250 ms doubled {@code n} times. */
    public Duration waitAfter(int attempt) {
        return firstWait.multipliedBy(1L << attempt);
    }
}
