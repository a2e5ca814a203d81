package org.sipsocial.sip.transport;

import io.netty.channel.Channel;
import java.lang.ref.WeakReference;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sipsocial.sip.message.header.Via;

/**
 * Remembers, per request received, the connection or UDP socket it came in on, keyed by its
 * stamped top Via (which its responses carry back unchanged, RFC 3261 §8.2.6.2). RFC 3261 §18.2.2
 * sends a response over the request's connection while it is open; RFC 3581 §4 sends it from the
 * address and port the request arrived on. The newest {@link TransportLimits#maxResponseRoutes()}
 * requests are remembered; older ones fall back to routing by the Via alone. A remembered
 * connection that has closed is not kept from the garbage collector.
 */
final class ResponseRoutes {
    private final Map<String, WeakReference<Channel>> routes;

    ResponseRoutes(int capacity) {
        this.routes = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, WeakReference<Channel>> eldest) {
                return size() > capacity;
            }
        };
    }

    void remember(Via stampedTopVia, Channel channel) {
        synchronized (routes) {
            routes.put(stampedTopVia.toString(), new WeakReference<>(channel));
        }
    }

    /**
     * The open connection or UDP socket the request with this top Via came in on, or {@code null}. A connection
     * is returned whatever transport the Via names: RFC 3261 §18.2.2 answers on the connection the request
     * arrived on, even from a client whose Via misnames its transport.
     */
    Channel channelFor(Via topVia) {
        WeakReference<Channel> ref;
        synchronized (routes) {
            ref = routes.get(topVia.toString());
        }
        Channel c = ref == null ? null : ref.get();
        return c == null || !c.isActive() ? null : c;
    }
}
