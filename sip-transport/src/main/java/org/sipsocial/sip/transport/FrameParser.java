package org.sipsocial.sip.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetSocketAddress;
import org.sipsocial.sip.message.SipLimits;

/**
 * Parses each framed stream message with the codec (RFC 3261 §7). A frame that does not parse is
 * passed on as {@link Received.Rejected} without closing: its length was sound, so the stream
 * still is.
 */
final class FrameParser extends ChannelInboundHandlerAdapter {
    private final SipLimits limits;

    FrameParser(SipLimits limits) {
        this.limits = limits;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Received.Frame) {
            byte[] bytes = ((Received.Frame) msg).bytes();
            ctx.fireChannelRead(Received.parse(bytes, (InetSocketAddress) ctx.channel().remoteAddress(), limits));
        } else {
            ctx.fireChannelRead(msg);
        }
    }
}
