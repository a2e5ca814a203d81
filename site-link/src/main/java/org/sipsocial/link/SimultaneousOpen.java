package org.sipsocial.link;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.SSLEngine;

/**
 * Decides which end of a link connection plays the TLS client, then puts TLS and the framer in its place.
 *
 * <p>When two sites press Connect together, each dials the other's link port from its own link port, and the
 * two SYNs may cross: TCP then makes one connection out of both dials (simultaneous open, RFC 9293 §3.5,
 * figure 7; this is also how the dials meet through two NATs). Neither end accepted it, so both would start
 * TLS as the client and the handshake would fail. The ends settle it without a word: of two crossing dials,
 * the site whose name sorts first is the TLS client and speaks at once; the other listens a moment
 * ({@link #listenFor}) before it speaks, and if a TLS ClientHello arrives meanwhile it answers as the TLS server.
 * A dial that met the other site's listener hears nothing and goes on as the client, that moment later.
 *
 * <pre>
 * start                   TLS role
 * ANSWER                  server at once (the listener accepted the connection)
 * DIAL_AS_CLIENT          client at once (we sort first)
 * DIAL_LISTENING_FIRST    server if a ClientHello arrives while it listens, else client
 * </pre>
 */
final class SimultaneousOpen extends ChannelInboundHandlerAdapter {
    /** How long the second site listens before it speaks, at most: many round trips of any real path. */
    static final Duration LISTEN = Duration.ofSeconds(1);
    /** The listening is a small part of the handshake timeout, which the other side's TLS server runs too. */
    private static final int LISTEN_PARTS_OF_HANDSHAKE_TIMEOUT = 8;
    /** RFC 8446 §5.1: a record's header is 5 bytes; a handshake record has content type 22. */
    private static final int RECORD_HEADER = 5;
    private static final byte HANDSHAKE_RECORD = 22;
    /** RFC 8446 §4: handshake message type 1, client_hello, the first byte of the record's fragment. */
    private static final byte CLIENT_HELLO = 1;

    enum Start { ANSWER, DIAL_AS_CLIENT, DIAL_LISTENING_FIRST }

    /** What TLS role this connection took; the link above follows it. */
    interface Decided {
        void tlsStarted(SslHandler tls, boolean answering);
    }

    private final Start start;
    private final Function<Boolean, SSLEngine> engines;
    private final Duration handshakeTimeout;
    private final Decided link;
    private final Runnable crossed;
    private ByteBuf heard;
    private ScheduledFuture<?> listening;
    private boolean decided;

    /**
     * @param engines          makes the TLS engine: {@code true} for the server (answering) side
     * @param crossed          told when a dial turned out to have crossed the other site's dial
     */
    SimultaneousOpen(Start start, Function<Boolean, SSLEngine> engines, Duration handshakeTimeout, Decided link,
                     Runnable crossed) {
        this.start = Objects.requireNonNull(start, "start");
        this.engines = Objects.requireNonNull(engines, "engines");
        this.handshakeTimeout = Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        this.link = Objects.requireNonNull(link, "link");
        this.crossed = Objects.requireNonNull(crossed, "crossed");
    }

    /** The start for a dial to a site, by the order of the two names. */
    static Start forDial(boolean weSortFirst) {
        return weSortFirst ? Start.DIAL_AS_CLIENT : Start.DIAL_LISTENING_FIRST;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        super.channelActive(ctx);
        switch (start) {
            case ANSWER -> decide(ctx, true);
            case DIAL_AS_CLIENT -> decide(ctx, false);
            case DIAL_LISTENING_FIRST -> listening = ctx.executor().schedule(() -> decide(ctx, false),
                    listenFor(handshakeTimeout).toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** How long a dial that sorts second listens for the other dial's ClientHello before it speaks. */
    static Duration listenFor(Duration handshakeTimeout) {
        Duration part = handshakeTimeout.dividedBy(LISTEN_PARTS_OF_HANDSHAKE_TIMEOUT);
        return part.compareTo(LISTEN) < 0 ? part : LISTEN;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (decided) {
            ctx.fireChannelRead(msg);
            return;
        }
        ByteBuf bytes = (ByteBuf) msg;
        heard = heard == null ? bytes : ctx.alloc().compositeBuffer().addComponents(true, heard, bytes);
        if (heard.readableBytes() <= RECORD_HEADER) return;
        int at = heard.readerIndex();
        if (heard.getByte(at) == HANDSHAKE_RECORD && heard.getByte(at + RECORD_HEADER) == CLIENT_HELLO) {
            crossed.run();
            decide(ctx, true);
        } else {
            // Only a ClientHello can come first from a peer of ours; anything else is not a site.
            ctx.close();
        }
    }

    private void decide(ChannelHandlerContext ctx, boolean answering) {
        if (decided || !ctx.channel().isActive()) return;
        decided = true;
        if (listening != null) listening.cancel(false);
        SslHandler tls = new SslHandler(engines.apply(answering));
        tls.setHandshakeTimeoutMillis(handshakeTimeout.toMillis());
        ctx.pipeline().addAfter(ctx.name(), "tls", tls);
        ctx.pipeline().addAfter("tls", "framer", new LinkFramer(!answering));
        link.tlsStarted(tls, answering);
        ByteBuf pending = heard;
        heard = null;
        if (pending != null) ctx.fireChannelRead(pending);
        ctx.pipeline().remove(this);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        release();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        release();
    }

    private void release() {
        if (listening != null) listening.cancel(false);
        if (heard != null) {
            ReferenceCountUtil.release(heard);
            heard = null;
        }
    }
}
