package org.sipsocial.sip.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import org.sipsocial.sip.message.SipLimits;

/**
 * Parses each UDP datagram as one message (RFC 3261 §18.3: octets after the Content-Length body
 * are discarded; without Content-Length the body runs to the end of the datagram). A datagram of
 * CR and LF only is keep-alive noise and is ignored; STUN keep-alives (RFC 5626 §4.4.2) are answered before this
 * stage, by {@link StunBindingResponder}.
 */
final class DatagramParser extends SimpleChannelInboundHandler<DatagramPacket> {
    private final SipLimits limits;

    DatagramParser(SipLimits limits) {
        this.limits = limits;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        ByteBuf content = packet.content();
        if (isOnlyLineEnds(content)) return;
        byte[] bytes = new byte[content.readableBytes()];
        content.getBytes(content.readerIndex(), bytes);
        ctx.fireChannelRead(Received.parse(bytes, packet.sender(), limits));
    }

    private static boolean isOnlyLineEnds(ByteBuf b) {
        for (int i = b.readerIndex(); i < b.writerIndex(); i++) {
            byte c = b.getByte(i);
            if (c != '\r' && c != '\n') return false;
        }
        return true;
    }
}
