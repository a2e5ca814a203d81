package org.sipsocial.sip.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds or opens the connection for a request (RFC 3261 §18.1.1: a request goes over an existing
 * connection to the destination when one is open, else a new one). Concurrent sends to one
 * destination share one connection attempt.
 */
final class Connector {
    private final TransportParts parts;
    private final NetworkThreads threads;
    private final ConcurrentHashMap<ConnectionTable.Key, CompletableFuture<ChannelConnection>> opening =
            new ConcurrentHashMap<>();

    Connector(TransportParts parts, NetworkThreads threads) {
        this.parts = parts;
        this.threads = threads;
    }

    /** An open connection to {@code target} (accepted or opened, or aliased to it), or a new one. */
    CompletableFuture<ChannelConnection> connection(Transport transport, InetSocketAddress target) {
        ChannelConnection open = parts.table().find(transport, target);
        if (open != null) return CompletableFuture.completedFuture(open);
        ConnectionTable.Key key = new ConnectionTable.Key(transport, target);
        CompletableFuture<ChannelConnection> fresh = new CompletableFuture<>();
        CompletableFuture<ChannelConnection> attempt = opening.putIfAbsent(key, fresh);
        if (attempt != null) return attempt;
        fresh.whenComplete((c, e) -> opening.remove(key, fresh));
        open(transport, target, fresh);
        return fresh;
    }

    private void open(Transport transport, InetSocketAddress target, CompletableFuture<ChannelConnection> ready) {
        if (transport == Transport.TLS && parts.tls() == null) {
            ready.completeExceptionally(new TransportException(TransportFailure.NO_TLS, "no TLS credentials"));
            return;
        }
        if (parts.table().open() >= parts.limits().maxConnections()) {
            parts.metrics().refused(transport, ConnectionTable.Admission.TOTAL_LIMIT);
            ready.completeExceptionally(new TransportException(TransportFailure.CONNECTION_LIMIT,
                    parts.limits().maxConnections() + " connections open"));
            return;
        }
        new Bootstrap()
                .group(threads.group())
                .channel(threads.socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) parts.limits().connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .attr(ConnectionGate.READY, ready)
                .handler(StreamPipeline.connecting(parts, transport, target))
                .connect(target)
                .addListener((ChannelFutureListener) f -> {
                    if (!f.isSuccess()) {
                        ready.completeExceptionally(new TransportException(TransportFailure.CONNECT_FAILED,
                                transport + " to " + target + ": " + f.cause(), f.cause()));
                    }
                });
    }
}
