package org.sipsocial.link;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * The link layer's settings, with the defaults of issue 6.
 *
 * @param listen            the link port: inbound links arrive here and outbound ones leave from it
 * @param keepAliveInterval RFC 5626 CRLF ping interval (25 s)
 * @param pongTimeout       how long a ping may wait for its pong before the link counts as lost (RFC 5626 §4.4.1: 10 s)
 * @param connectWindow     how long a Connect keeps trying (2 min)
 * @param retryInterval     the short interval between tries within the connect window (3 s)
 * @param connectTimeout    how long a dial goes without an answer before the status says so, and the shortest
 *                          patience of a dial (5 s); a dial goes on waiting, see {@link LinkMachine}
 * @param handshakeTimeout  how long TLS and the connect request may take (10 s)
 * @param firstBackoff      the wait before the first dial after a lost link (500 ms)
 * @param maxBackoff        the longest a dial waits for an answer, and so the longest wait between the dials of
 *                          a lost link (15 s: a dial costs a few SYNs, and a pair of dials confused by stale SYNs
 *                          hangs only until one of them gives up, see {@link LinkMachine})
 */
public record LinkSettings(InetSocketAddress listen, Duration keepAliveInterval, Duration pongTimeout,
                           Duration connectWindow, Duration retryInterval, Duration connectTimeout,
                           Duration handshakeTimeout, Duration firstBackoff, Duration maxBackoff) {
    public LinkSettings {
        Objects.requireNonNull(listen, "listen");
        for (Duration d : new Duration[] {keepAliveInterval, pongTimeout, connectWindow, retryInterval,
                connectTimeout, handshakeTimeout, firstBackoff, maxBackoff}) {
            if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException("durations must be positive: " + d);
        }
        if (maxBackoff.compareTo(firstBackoff) < 0) throw new IllegalArgumentException("maxBackoff < firstBackoff");
    }

    public static LinkSettings defaults(InetSocketAddress listen) {
        return new LinkSettings(listen, Duration.ofSeconds(25), Duration.ofSeconds(10), Duration.ofMinutes(2),
                Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMillis(500),
                Duration.ofSeconds(15));
    }

    public LinkSettings withKeepAlive(Duration interval, Duration pong) {
        return new LinkSettings(listen, interval, pong, connectWindow, retryInterval, connectTimeout,
                handshakeTimeout, firstBackoff, maxBackoff);
    }

    public LinkSettings withRetries(Duration window, Duration interval, Duration first, Duration max) {
        return new LinkSettings(listen, keepAliveInterval, pongTimeout, window, interval, connectTimeout,
                handshakeTimeout, first, max);
    }

    public LinkSettings withTimeouts(Duration connect, Duration handshake) {
        return new LinkSettings(listen, keepAliveInterval, pongTimeout, connectWindow, retryInterval, connect,
                handshake, firstBackoff, maxBackoff);
    }
}
