package org.sipsocial.sip.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import org.sipsocial.sip.message.SipMessage;
import org.sipsocial.sip.message.SipWriter;

/**
 * Writes a message onto a stream, or into a datagram, with the codec (RFC 3261 §7; Content-Length is the writer's
 * business, §18.3).
 */
@ChannelHandler.Sharable
final class MessageEncoder extends MessageToByteEncoder<SipMessage> {
    static final MessageEncoder INSTANCE = new MessageEncoder();

    private MessageEncoder() {
        super(SipMessage.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, SipMessage msg, ByteBuf out) {
        writeTo(out, msg, SipWriter.encodedLength(msg));
    }

    /**
     * The message as one datagram's payload, written straight into a buffer of the channel's allocator (pooled and
     * direct, so the socket sends it without a copy); the caller owns the buffer.
     *
     * @param length {@link SipWriter#encodedLength} of the message, which the caller has checked against the
     *               datagram's limit
     */
    static ByteBuf datagramPayload(ByteBufAllocator allocator, SipMessage msg, int length) {
        ByteBuf payload = allocator.directBuffer(length, length);
        try {
            writeTo(payload, msg, length);
            return payload;
        } catch (RuntimeException e) {
            payload.release();
            throw e;
        }
    }

    private static void writeTo(ByteBuf out, SipMessage msg, int length) {
        out.ensureWritable(length);
        SipWriter.write(msg, out.nioBuffer(out.writerIndex(), length));
        out.writerIndex(out.writerIndex() + length);
    }
}
