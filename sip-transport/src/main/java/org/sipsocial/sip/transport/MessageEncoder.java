package org.sipsocial.sip.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import org.sipsocial.sip.message.SipMessage;
import org.sipsocial.sip.message.SipWriter;

/** Writes a message onto a stream with the codec (RFC 3261 §7; Content-Length is the writer's business, §18.3). */
@ChannelHandler.Sharable
final class MessageEncoder extends MessageToByteEncoder<SipMessage> {
    static final MessageEncoder INSTANCE = new MessageEncoder();

    private MessageEncoder() {
        super(SipMessage.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, SipMessage msg, ByteBuf out) {
        int n = SipWriter.encodedLength(msg);
        out.ensureWritable(n);
        SipWriter.write(msg, out.nioBuffer(out.writerIndex(), n));
        out.writerIndex(out.writerIndex() + n);
    }
}
