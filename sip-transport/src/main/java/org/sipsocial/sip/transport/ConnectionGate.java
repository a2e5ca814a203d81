package org.sipsocial.sip.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * First stage of a stream pipeline: admits a new connection against its source's {@link SourceAdmission}
 * (an accepted connection counts as one message of its source) and the connection limits (or
 * closes it before any TLS work is spent on it), enters it in the {@link ConnectionTable}, and
 * counts it out when it closes. For a connection we open, completes its {@link #READY} future once
 * it can carry messages (after the TLS handshake).
 */
final class ConnectionGate extends ChannelInboundHandlerAdapter {
    /** Set by the connector on channels it opens: completed with the connection when usable. */
    static final AttributeKey<CompletableFuture<ChannelConnection>> READY =
            AttributeKey.valueOf(ConnectionGate.class, "ready");

    private final Transport transport;
    private final boolean outbound;
    private final ConnectionTable table;
    private final TransportMetrics metrics;
    private final SourceAdmission sources;

    ConnectionGate(Transport transport, boolean outbound, ConnectionTable table, TransportMetrics metrics,
            SourceAdmission sources) {
        this.sources = sources;
        this.transport = transport;
        this.outbound = outbound;
        this.table = table;
        this.metrics = metrics;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Channel ch = ctx.channel();
        InetSocketAddress remote = (InetSocketAddress) ch.remoteAddress();
        ConnectionTable.Admission admission = !outbound && !sources.admits(remote)
                ? ConnectionTable.Admission.BLOCKED_SOURCE : table.admit(remote.getAddress(), outbound);
        if (admission != ConnectionTable.Admission.ADMITTED) {
            metrics.refused(transport, admission);
            fail(ch, new TransportException(TransportFailure.CONNECTION_LIMIT, admission.tag()));
            ch.close();
            return;
        }
        ChannelConnection c = new ChannelConnection(transport, ch, outbound);
        ch.attr(ChannelConnection.KEY).set(c);
        table.register(c);
        metrics.opened(transport, outbound);
        SslHandler ssl = ch.pipeline().get(SslHandler.class);
        if (ssl == null) {
            ready(ch, c);
        } else {
            ssl.handshakeFuture().addListener(f -> {
                if (f.isSuccess()) {
                    ready(ch, c);
                } else {
                    fail(ch, new TransportException(TransportFailure.CONNECT_FAILED,
                            "TLS handshake with " + remote + " failed: " + f.cause(), f.cause()));
                    c.closeFor(CloseReason.TLS_HANDSHAKE);
                }
            });
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Channel ch = ctx.channel();
        fail(ch, new TransportException(TransportFailure.CONNECT_FAILED, "closed before it was usable"));
        ChannelConnection c = ChannelConnection.of(ch);
        if (c == null) return;
        table.remove(c);
        metrics.closed(transport, c.closeReason());
        ctx.fireChannelInactive();
    }

    private static void ready(Channel ch, ChannelConnection c) {
        CompletableFuture<ChannelConnection> ready = ch.attr(READY).get();
        if (ready != null) ready.complete(c);
    }

    private static void fail(Channel ch, TransportException e) {
        CompletableFuture<ChannelConnection> ready = ch.attr(READY).get();
        if (ready != null) ready.completeExceptionally(e);
    }
}
