package org.sipsocial.sip.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.sipsocial.sip.message.SipMessage;

/**
 * Connection liveness on streams (RFC 5626 §3.5.1, §4.4.1) and the idle limit.
 *
 * <ul>
 * <li>A double CRLF ping from the peer is answered with a single CRLF pong.</li>
 * <li>On connections we opened, a ping is sent every {@link TransportLimits#keepAliveInterval()};
 *     when neither a CRLF nor a message comes back within {@link TransportLimits#pongTimeout()} the flow has
 *     failed and the connection is closed. A message from the peer shows the flow works as well as a pong does:
 *     a peer that never pongs (RFC 5626 is optional for a phone; SIPp does not) loses its connection only when it
 *     falls silent, not in the middle of its calls (issue 14: at 1,200 calls/s over TCP, the site closed its
 *     connection to a busy SIPp every 35 s, and the calls on it failed).</li>
 * <li>A connection that carries no message either way, and receives no ping, for
 *     {@link TransportLimits#idleTimeout()} is closed. Our own pings and the peer's pongs do not
 *     count as use: a connection we keep alive still ends when nobody uses it.</li>
 * </ul>
 */
final class KeepAlive extends ChannelDuplexHandler {
    static final byte[] PING = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] PONG = "\r\n".getBytes(StandardCharsets.US_ASCII);

    private final TransportLimits limits;
    private final boolean sendPings;
    private final TransportMetrics metrics;
    private long lastUse;
    private boolean awaitingPong;
    private ScheduledFuture<?> idleCheck;
    private ScheduledFuture<?> pinger;
    private ScheduledFuture<?> pongCheck;

    KeepAlive(TransportLimits limits, boolean outbound, TransportMetrics metrics) {
        this.limits = limits;
        this.sendPings = outbound && !limits.keepAliveInterval().isZero();
        this.metrics = metrics;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        lastUse = System.nanoTime();
        scheduleIdleCheck(ctx, limits.idleTimeout().toNanos());
        if (sendPings) {
            long every = limits.keepAliveInterval().toNanos();
            pinger = ctx.executor().scheduleAtFixedRate(() -> ping(ctx), every, every, TimeUnit.NANOSECONDS);
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Received.KeepAlive) {
            heard(ctx, (Received.KeepAlive) msg);
            return;
        }
        lastUse = System.nanoTime();
        if (awaitingPong) {
            awaitingPong = false;
            cancel(pongCheck);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof SipMessage) lastUse = System.nanoTime();
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel(idleCheck);
        cancel(pinger);
        cancel(pongCheck);
        ctx.fireChannelInactive();
    }

    private void heard(ChannelHandlerContext ctx, Received.KeepAlive k) {
        if (k.isPing()) {
            lastUse = System.nanoTime();
            metrics.keepAlive("ping-received");
            metrics.keepAlive("pong-sent");
            ctx.writeAndFlush(buffer(PONG));
        } else if (awaitingPong) {
            metrics.keepAlive("pong-received");
        }
        awaitingPong = false;
        cancel(pongCheck);
    }

    private void ping(ChannelHandlerContext ctx) {
        if (awaitingPong || !ctx.channel().isActive()) return;
        awaitingPong = true;
        metrics.keepAlive("ping-sent");
        ctx.writeAndFlush(buffer(PING));
        pongCheck = ctx.executor().schedule(() -> {
            if (awaitingPong) close(ctx, CloseReason.PONG_TIMEOUT);
        }, limits.pongTimeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    private void scheduleIdleCheck(ChannelHandlerContext ctx, long delayNanos) {
        idleCheck = ctx.executor().schedule(() -> {
            long unused = System.nanoTime() - lastUse;
            long limit = limits.idleTimeout().toNanos();
            if (unused >= limit) {
                close(ctx, CloseReason.IDLE);
            } else {
                scheduleIdleCheck(ctx, limit - unused);
            }
        }, delayNanos, TimeUnit.NANOSECONDS);
    }

    private static void close(ChannelHandlerContext ctx, CloseReason reason) {
        ChannelConnection c = ChannelConnection.of(ctx.channel());
        if (c != null) {
            c.closeFor(reason);
        } else {
            ctx.close();
        }
    }

    private static ByteBuf buffer(byte[] bytes) {
        return Unpooled.wrappedBuffer(bytes);
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) f.cancel(false);
    }
}
