package org.sipsocial.link;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.sipsocial.link.relay.ByteRate;
import org.sipsocial.link.relay.TlsRecordTap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At the relaying site (issue 15), the top of one of the two connections of a relayed link, above its TLS (the
 * relay's own, pinned to the site at that end): copies what arrives to the other connection, where its TLS
 * encrypts it for the other site. What it copies is the two sites' own TLS, which it checks is nothing but TLS
 * records ({@link TlsRecordTap}); anything else closes the relayed link.
 *
 * <p>Backpressure: when the other connection cannot take more (its outbound buffer is over the high-water mark),
 * this one stops reading until it can; when the relay's bytes-a-second bound ({@link ByteRate}, shared by every
 * relayed link) is spent, it stops reading for as long as the bound says.
 */
final class RelaySplice extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(RelaySplice.class);

    /** What both directions of one relayed link share: the relay's accounting and what ends the link once. */
    interface Carried {
        /** {@code bytes} were forwarded, in which {@code records} TLS record headers began. */
        void forwarded(byte[] bytes, long records);

        /** Bytes that are not TLS records arrived: the relayed link closes. */
        void notTls();

        void ended(String why);
    }

    private final Channel other;
    private final ByteRate rate;
    private final LongSupplier nanos;
    private final Carried carried;
    private final TlsRecordTap tap = new TlsRecordTap();
    private boolean pausedByRate;

    RelaySplice(Channel other, ByteRate rate, LongSupplier nanos, Carried carried) {
        this.other = other;
        this.rate = rate;
        this.nanos = nanos;
        this.carried = carried;
    }

    /** The records and bytes this direction carried, as its tap counted them. */
    TlsRecordTap tap() {
        return tap;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf bytes)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        int n = bytes.readableBytes();
        byte[] copy = ByteBufUtil.getBytes(bytes);
        long recordsBefore = tap.records();
        if (!tap.feed(copy, 0, copy.length)) {
            bytes.release();
            carried.notTls();
            LOG.warn("relayed bytes from {} are not TLS records: the relayed link is closed", ctx.channel().remoteAddress());
            carried.ended("not TLS");
            ctx.close();
            other.close();
            return;
        }
        other.writeAndFlush(bytes);
        carried.forwarded(copy, tap.records() - recordsBefore);
        long pause = rate.take(n, nanos.getAsLong());
        if (pause > 0) {
            pausedByRate = true;
            ctx.channel().config().setAutoRead(false);
            ctx.executor().schedule(() -> {
                pausedByRate = false;
                if (other.isWritable()) ctx.channel().config().setAutoRead(true);
            }, pause, TimeUnit.NANOSECONDS);
        } else if (!other.isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    /** This connection can take more: the other may read again (unless its own rate pause holds it). */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable()) {
            RelaySplice otherSide = other.pipeline().get(RelaySplice.class);
            if (otherSide == null || !otherSide.pausedByRate) other.config().setAutoRead(true);
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        carried.ended("closed");
        other.close();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("relayed connection {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
