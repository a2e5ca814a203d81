package org.sipsocial.sip.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;

/**
 * Bounds the bytes queued for a peer that does not read: the channel's high water mark is
 * {@link TransportLimits#maxPendingOutboundBytes()}, and a connection that goes past it is closed
 * rather than left to grow (RFC 5626 §4.4.1 counts such a flow as failed as well).
 */
@ChannelHandler.Sharable
final class OutboundBudget extends ChannelInboundHandlerAdapter {
    static final OutboundBudget INSTANCE = new OutboundBudget();

    private OutboundBudget() {
    }

    static void apply(Channel ch, int maxPendingOutboundBytes) {
        ch.config().setWriteBufferWaterMark(
                new WriteBufferWaterMark(maxPendingOutboundBytes / 2, maxPendingOutboundBytes));
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Channel ch = ctx.channel();
        if (!ch.isWritable()) {
            ChannelConnection c = ChannelConnection.of(ch);
            if (c != null) {
                c.closeFor(CloseReason.OUTBOUND_BACKLOG);
            } else {
                ch.close();
            }
        }
        ctx.fireChannelWritabilityChanged();
    }
}
