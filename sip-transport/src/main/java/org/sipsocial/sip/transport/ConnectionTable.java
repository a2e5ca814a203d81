package org.sipsocial.sip.transport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open connections, findable by transport and remote address, so that a request to an
 * address reuses a connection already open to it (RFC 3261 §18.1.1) whichever side opened it, and
 * so that a connection whose requests asked for it (RFC 5923 §5, Via {@code alias}) serves requests
 * back to the peer's advertised address. Also counts connections against the limits.
 */
final class ConnectionTable {
    /** A connection's name in the table. */
    record Key(Transport transport, InetSocketAddress remote) {
    }

    /** The verdict on a new connection. */
    enum Admission {
        ADMITTED, TOTAL_LIMIT, ADDRESS_LIMIT, BLOCKED_SOURCE;

        String tag() {
            return switch (this) {
                case TOTAL_LIMIT -> "total-limit";
                case BLOCKED_SOURCE -> "blocked-source";
                default -> "address-limit";
            };
        }
    }

    private final TransportLimits limits;
    private final ConcurrentHashMap<Key, ChannelConnection> byKey = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();

    ConnectionTable(TransportLimits limits) {
        this.limits = limits;
    }

    /**
     * Counts a new connection in, or refuses it: at most {@link TransportLimits#maxConnections()}
     * overall and {@link TransportLimits#maxConnectionsPerAddress()} accepted from one address.
     */
    Admission admit(InetAddress source, boolean outbound) {
        if (total.incrementAndGet() > limits.maxConnections()) {
            total.decrementAndGet();
            return Admission.TOTAL_LIMIT;
        }
        if (!outbound) {
            int n = perAddress.merge(source, 1, Integer::sum);
            if (n > limits.maxConnectionsPerAddress()) {
                release(source);
                total.decrementAndGet();
                return Admission.ADDRESS_LIMIT;
            }
        }
        return Admission.ADMITTED;
    }

    /** Enters an admitted connection under its remote address. */
    void register(ChannelConnection c) {
        Key key = new Key(c.transport(), c.remote());
        byKey.put(key, c);
        c.keys().add(key);
    }

    /**
     * Makes {@code c} the connection for requests to {@code advertised} as well (RFC 5923 §5), unless
     * an open connection already serves that address.
     */
    void alias(ChannelConnection c, InetSocketAddress advertised) {
        Key key = new Key(c.transport(), advertised);
        ChannelConnection existing = byKey.get(key);
        if (existing == c || (existing != null && existing.isOpen())) return;
        byKey.put(key, c);
        c.keys().add(key);
    }

    /** Counts a closed connection out and forgets its names. */
    void remove(ChannelConnection c) {
        total.decrementAndGet();
        if (!c.outbound()) release(c.remote().getAddress());
        for (Key key : c.keys()) byKey.remove(key, c);
    }

    /** An open connection to {@code remote} over {@code transport}, or {@code null}. */
    ChannelConnection find(Transport transport, InetSocketAddress remote) {
        ChannelConnection c = byKey.get(new Key(transport, remote));
        return c != null && c.isOpen() ? c : null;
    }

    /** Closes every connection (at shutdown). */
    void closeAll() {
        for (ChannelConnection c : byKey.values()) c.closeFor(CloseReason.LOCAL);
    }

    int open() {
        return total.get();
    }

    private void release(InetAddress source) {
        perAddress.computeIfPresent(source, (a, n) -> n > 1 ? n - 1 : null);
    }
}
