package org.sipsocial.sip.transport;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;

/** First stage of the UDP pipeline: drops each datagram its {@link SourceAdmission} refuses, before anything parses it. */
@ChannelHandler.Sharable
final class SourceGate extends ChannelInboundHandlerAdapter {
    private final SourceAdmission admission;

    SourceGate(SourceAdmission admission) {
        this.admission = admission;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof DatagramPacket packet && !admission.admits(packet.sender())) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }
}
