package org.sipsocial.sip.transport;

import java.time.Duration;
import java.util.Objects;
import org.sipsocial.sip.message.SipLimits;

/**
 * What the transport lets the network cost it (design principle 3): every bound in one place,
 * each with its default. Hitting a bound is counted in the {@code sip.transport.*} meters.
 *
 * @param sip                      bounds on one message, applied by the codec (default {@link SipLimits#DEFAULTS});
 *                                 {@link SipLimits#maxMessageSize()} also bounds the bytes buffered per connection
 *                                 while a message is incomplete
 * @param maxConnections           open TCP and TLS connections, both directions (default {@value #DEFAULT_MAX_CONNECTIONS})
 * @param maxConnectionsPerAddress connections accepted from one source IP address (default {@value #DEFAULT_MAX_CONNECTIONS_PER_ADDRESS})
 * @param readTimeout              how long an accepted connection may take to deliver its first message, and any
 *                                 connection to complete a message it has begun (half-open and slow-loris
 *                                 connections, default {@value #DEFAULT_READ_TIMEOUT_SECONDS} s); also bounds the TLS handshake
 * @param idleTimeout              a connection with no message either way and no keep-alive ping from the peer for
 *                                 this long is closed (default {@value #DEFAULT_IDLE_TIMEOUT_SECONDS} s)
 * @param keepAliveInterval        how often a CRLFCRLF ping is sent on connections we opened (RFC 5626 §4.4.1;
 *                                 default {@value #DEFAULT_KEEP_ALIVE_SECONDS} s); {@link Duration#ZERO} disables pinging
 * @param pongTimeout              a ping without a CRLF pong within this time closes the connection (RFC 5626
 *                                 §4.4.1: 10 s; default {@value #DEFAULT_PONG_TIMEOUT_SECONDS} s)
 * @param connectTimeout           how long opening a connection may take (default {@value #DEFAULT_CONNECT_TIMEOUT_SECONDS} s)
 * @param maxPendingOutboundBytes  bytes queued for a connection the peer does not read; past it the connection is
 *                                 closed (default {@value #DEFAULT_MAX_PENDING_OUTBOUND_BYTES})
 * @param maxResponseRoutes        requests remembered so that their responses leave by the connection or socket the
 *                                 request came in on (RFC 3261 §18.2.2, RFC 3581 §4; default {@value #DEFAULT_MAX_RESPONSE_ROUTES})
 * @param ioThreads                network threads (default {@value #DEFAULT_IO_THREADS})
 */
public record TransportLimits(SipLimits sip, int maxConnections, int maxConnectionsPerAddress, Duration readTimeout,
                              Duration idleTimeout, Duration keepAliveInterval, Duration pongTimeout,
                              Duration connectTimeout, int maxPendingOutboundBytes, int maxResponseRoutes,
                              int ioThreads) {
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 64;
    public static final int DEFAULT_READ_TIMEOUT_SECONDS = 10;
    /** Longer than a typical registration refresh leaves a connection silent when the client does not ping. */
    public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 600;
    /** Short enough to keep a NAT binding alive (RFC 5626 §4.4.1 leaves the interval to the flow's needs). */
    public static final int DEFAULT_KEEP_ALIVE_SECONDS = 25;
    /** RFC 5626 §4.4.1: "If a pong is not received within 10 seconds ... the flow has failed". */
    public static final int DEFAULT_PONG_TIMEOUT_SECONDS = 10;
    public static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 5;
    public static final int DEFAULT_MAX_PENDING_OUTBOUND_BYTES = 1 << 20;
    public static final int DEFAULT_MAX_RESPONSE_ROUTES = 16_384;
    public static final int DEFAULT_IO_THREADS = 2;

    public static final TransportLimits DEFAULTS = new TransportLimits(SipLimits.DEFAULTS, DEFAULT_MAX_CONNECTIONS,
            DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, Duration.ofSeconds(DEFAULT_READ_TIMEOUT_SECONDS),
            Duration.ofSeconds(DEFAULT_IDLE_TIMEOUT_SECONDS), Duration.ofSeconds(DEFAULT_KEEP_ALIVE_SECONDS),
            Duration.ofSeconds(DEFAULT_PONG_TIMEOUT_SECONDS), Duration.ofSeconds(DEFAULT_CONNECT_TIMEOUT_SECONDS),
            DEFAULT_MAX_PENDING_OUTBOUND_BYTES, DEFAULT_MAX_RESPONSE_ROUTES, DEFAULT_IO_THREADS);

    public TransportLimits {
        Objects.requireNonNull(sip, "sip");
        atLeast("maxConnections", maxConnections, 1);
        atLeast("maxConnectionsPerAddress", maxConnectionsPerAddress, 1);
        positive("readTimeout", readTimeout);
        positive("idleTimeout", idleTimeout);
        if (keepAliveInterval == null || keepAliveInterval.isNegative()) {
            throw new IllegalArgumentException("keepAliveInterval must be zero or positive, was " + keepAliveInterval);
        }
        positive("pongTimeout", pongTimeout);
        positive("connectTimeout", connectTimeout);
        atLeast("maxPendingOutboundBytes", maxPendingOutboundBytes, 1024);
        atLeast("maxResponseRoutes", maxResponseRoutes, 16);
        atLeast("ioThreads", ioThreads, 1);
    }

    private static void atLeast(String name, int value, int min) {
        if (value < min) throw new IllegalArgumentException(name + " must be at least " + min + ", was " + value);
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    public TransportLimits withSip(SipLimits v) {
        return new TransportLimits(v, maxConnections, maxConnectionsPerAddress, readTimeout, idleTimeout,
                keepAliveInterval, pongTimeout, connectTimeout, maxPendingOutboundBytes, maxResponseRoutes, ioThreads);
    }

    public TransportLimits withMaxConnections(int v) {
        return new TransportLimits(sip, v, maxConnectionsPerAddress, readTimeout, idleTimeout,
                keepAliveInterval, pongTimeout, connectTimeout, maxPendingOutboundBytes, maxResponseRoutes, ioThreads);
    }

    public TransportLimits withMaxConnectionsPerAddress(int v) {
        return new TransportLimits(sip, maxConnections, v, readTimeout, idleTimeout,
                keepAliveInterval, pongTimeout, connectTimeout, maxPendingOutboundBytes, maxResponseRoutes, ioThreads);
    }

    public TransportLimits withReadTimeout(Duration v) {
        return new TransportLimits(sip, maxConnections, maxConnectionsPerAddress, v, idleTimeout,
                keepAliveInterval, pongTimeout, connectTimeout, maxPendingOutboundBytes, maxResponseRoutes, ioThreads);
    }

    public TransportLimits withIdleTimeout(Duration v) {
        return new TransportLimits(sip, maxConnections, maxConnectionsPerAddress, readTimeout, v,
                keepAliveInterval, pongTimeout, connectTimeout, maxPendingOutboundBytes, maxResponseRoutes, ioThreads);
    }

    public TransportLimits withKeepAlive(Duration interval, Duration pong) {
        return new TransportLimits(sip, maxConnections, maxConnectionsPerAddress, readTimeout, idleTimeout,
                interval, pong, connectTimeout, maxPendingOutboundBytes, maxResponseRoutes, ioThreads);
    }

    public TransportLimits withMaxPendingOutboundBytes(int v) {
        return new TransportLimits(sip, maxConnections, maxConnectionsPerAddress, readTimeout, idleTimeout,
                keepAliveInterval, pongTimeout, connectTimeout, v, maxResponseRoutes, ioThreads);
    }
}
