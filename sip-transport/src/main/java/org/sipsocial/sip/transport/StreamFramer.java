package org.sipsocial.sip.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.sipsocial.sip.message.SipFraming;
import org.sipsocial.sip.message.SipLimits;

/**
 * Cuts a TCP or TLS byte stream into messages by Content-Length (RFC 3261 §18.3) with the codec's
 * {@link SipFraming}, and passes CRLF keep-alives up separately (RFC 5626 §3.5.1).
 *
 * <p>Bounds: at most {@link SipLimits#maxMessageSize()} bytes are buffered for one message; a
 * stream that cannot be framed is passed up as {@link Received.Rejected} with
 * {@code closeAfter}, and everything after it is discarded. A connection that does not complete a
 * message it has begun, or (when accepted) does not deliver a first message, within the read
 * timeout is closed (half-open connections, slow-loris senders).
 */
final class StreamFramer extends ByteToMessageDecoder {
    private final SipLimits limits;
    private final long readTimeoutNanos;
    private boolean awaitingFirst;
    private boolean rejected;
    private ScheduledFuture<?> deadline;

    StreamFramer(SipLimits limits, Duration readTimeout, boolean awaitFirstMessage) {
        this.limits = limits;
        this.readTimeoutNanos = readTimeout.toNanos();
        this.awaitingFirst = awaitFirstMessage;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (awaitingFirst) arm(ctx);
        super.channelActive(ctx);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (rejected) {
            in.skipBytes(in.readableBytes());
            return;
        }
        boolean progress = false;
        while (in.isReadable()) {
            SipFraming.Frame f = SipFraming.frame(in.nioBuffer(in.readerIndex(), in.readableBytes()), limits);
            if (f.status() == SipFraming.Status.NEED_MORE) break;
            if (f.status() == SipFraming.Status.REJECT) {
                byte[] seen = new byte[Math.min(in.readableBytes(), limits.maxMessageSize())];
                in.readBytes(seen);
                in.skipBytes(in.readableBytes());
                rejected = true;
                disarm();
                out.add(new Received.Rejected(seen, f.rejection(), (InetSocketAddress) ctx.channel().remoteAddress(),
                        true));
                return;
            }
            progress = true;
            if (f.status() == SipFraming.Status.KEEP_ALIVE) {
                in.skipBytes(f.length());
                out.add(new Received.KeepAlive(f.length()));
            } else {
                byte[] message = new byte[f.length()];
                in.readBytes(message);
                out.add(new Received.Frame(message));
            }
        }
        if (progress) {
            awaitingFirst = false;
            disarm();
        }
        if (in.isReadable() && ctx.channel().isActive()) arm(ctx);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        disarm();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        disarm();
        super.channelInactive(ctx);
    }

    private void arm(ChannelHandlerContext ctx) {
        if (deadline != null) return;
        deadline = ctx.executor().schedule(() -> {
            ChannelConnection c = ChannelConnection.of(ctx.channel());
            if (c != null) {
                c.closeFor(CloseReason.READ_TIMEOUT);
            } else {
                ctx.close();
            }
        }, readTimeoutNanos, TimeUnit.NANOSECONDS);
    }

    private void disarm() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
