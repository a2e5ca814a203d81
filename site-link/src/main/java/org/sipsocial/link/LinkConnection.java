package org.sipsocial.link;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.sipsocial.identity.SiteIdentity;
import org.sipsocial.sip.message.SipMessage;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TLS connection of a link, from handshake to close: the top of its pipeline (after TLS and
 * {@link LinkFramer}). It runs the link requests of {@link LinkMessages} (written by {@link LinkWriter}) and the
 * RFC 5626 keep-alive ({@link LinkKeepAlive}: the dialler pings; the answering side pongs and watches for silence),
 * knows its other end ({@link LinkPeer}), and reports ({@link LinkEvents}) to {@link SiteLinks}. "Dialler" and
 * "answerer" are the TLS client and server: normally the site that dialled and the one whose listener accepted;
 * when two dials crossed, {@link SimultaneousOpen} made one of them the answerer.
 *
 * <pre>
 * answerer  TLS ─ probe ──────────────▶ dialler      (the answerer accepted the dialler's certificate)
 *                 ◀────────────── 200       (received/rport: where the answerer is seen from)
 *                 ◀────────────── connect
 *               200 ──────────────▶         linked on both sides (480: the answerer's administrator disconnected
 *                                           the dialler)
 * </pre>
 */
final class LinkConnection extends ChannelInboundHandlerAdapter implements SimultaneousOpen.Decided {
    /** HANDSHAKE: TLS; GREETING: waiting for the answerer's probe (dialler) or the connect (answerer); ASKING: connect sent. */
    private enum Phase { HANDSHAKE, GREETING, ASKING, LINKED, CLOSED }

    private static final Logger LOG = LoggerFactory.getLogger(LinkConnection.class);

    private final SiteIdentity self;
    private final PinnedTrust trust;
    private final LinkSettings settings;
    private final LinkEvents events;
    private final java.time.Clock clock;

    private ChannelHandlerContext ctx;
    private boolean answering;
    private Phase phase = Phase.HANDSHAKE;
    private long probeSentNanos;
    private boolean quiet;
    private LinkError closeReason;
    private ScheduledFuture<?> answerDue;
    private final LinkPeer peer;
    private final LinkKeepAlive keepAlive;
    private final LinkWriter writer;

    LinkConnection(SiteIdentity self, PinnedTrust trust, RemoteSite dialled, LinkSettings settings, LinkEvents events,
                   java.time.Clock clock) {
        this.self = self;
        this.trust = trust;
        this.peer = new LinkPeer(dialled);
        this.settings = settings;
        this.events = events;
        this.clock = clock;
        this.answering = dialled == null;
        this.keepAlive = new LinkKeepAlive(settings, clock);
        this.writer = new LinkWriter(self.site());
    }

    /**
     * True when this end is the TLS client: it speaks first, pings, and waits for the answerer's probe. A dial
     * is the client unless it crossed the other site's dial and answered its handshake ({@link SimultaneousOpen}).
     */
    boolean initiator() {
        return !answering;
    }

    /** The other end: its site, where it is, its certificate. */
    LinkPeer peer() {
        return peer;
    }

    boolean isOpen() {
        return ctx != null && ctx.channel().isOpen() && phase != Phase.CLOSED;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
        writer.attach(context);
        peer.attach(context.channel());
    }

    @Override
    public void channelActive(ChannelHandlerContext context) throws Exception {
        keepAlive.heard();
        peer.connected((InetSocketAddress) context.channel().remoteAddress());
        super.channelActive(context);
    }

    @Override
    public void tlsStarted(SslHandler tls, boolean answeringSide) {
        peer.tls(tls);
        this.answering = answeringSide;
        tls.handshakeFuture().addListener(this::handshakeDone);
    }

    /**
     * The answering side speaks first: its probe proves that it accepted our certificate (TLS 1.3 judges the
     * client's certificate after the client's side of the handshake is done), and the dialler sends nothing
     * before it, so a refusal reaches the dialler as a clean alert and close.
     */
    private void handshakeDone(Future<? super Channel> f) {
        if (phase == Phase.CLOSED) return;
        if (!f.isSuccess()) {
            failBeforeLink(f.cause(), false);
            return;
        }
        phase = Phase.GREETING;
        if (answering) {
            peer.identified(trust.verdict().site());
            probeSentNanos = System.nanoTime();
            send(LinkMessages.PROBE);
        }
        answerDue = ctx.executor().schedule(() -> failBeforeLink(null, true),
                settings.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        keepAlive.heard();
        if (msg == LinkFramer.KeepAlive.PING) {
            keepAlive.pinged(context);
        } else if (msg == LinkFramer.KeepAlive.PONG) {
            keepAlive.ponged().ifPresent(rtt -> events.measured(peer.site(), this, rtt, null));
        } else if (msg instanceof LinkFrame) {
            if (phase == Phase.LINKED) events.received(peer.site(), (LinkFrame) msg);
        } else if (msg instanceof SipRequest) {
            onRequest((SipRequest) msg);
        } else if (msg instanceof SipResponse) {
            onResponse((SipResponse) msg);
        }
    }

    private void onRequest(SipRequest request) {
        String action = String.valueOf(request.headerValue(LinkMessages.ACTION_HEADER));
        InetSocketAddress source = (InetSocketAddress) ctx.channel().remoteAddress();
        if (phase == Phase.LINKED && request.headerValue(LinkMessages.ACTION_HEADER) == null) {
            events.received(peer.site(), request);
            return;
        }
        if (peer.site() == null || !request.isMethod("OPTIONS")) {
            writer.answer(request, 400, "Bad Request", source);
            return;
        }
        switch (action) {
            case LinkMessages.PROBE:
                writer.answer(request, 200, "OK", source);
                if (!answering && phase == Phase.GREETING) {
                    phase = Phase.ASKING;
                    probeSentNanos = System.nanoTime();
                    send(LinkMessages.CONNECT);
                }
                break;
            case LinkMessages.CONNECT:
                if (!answering || phase != Phase.GREETING) {
                    writer.answer(request, 200, "OK", source);
                } else if (events.offered(peer.site(), this)) {
                    cancel(answerDue);
                    writer.answer(request, 200, "OK", source);
                    becomeLinked(null, null);
                } else {
                    // The dialler closes on reading this; we close only if it does not. (Every link socket
                    // closes with a reset, see LinkSockets, so no TIME_WAIT blocks the two link ports.)
                    quiet = true;
                    writer.answer(request, LinkMessages.DISCONNECTED_HERE, "Disconnected Here", source);
                    closeLater();
                }
                break;
            case LinkMessages.DIRECTORY:
                if (phase != Phase.LINKED) {
                    writer.answer(request, 400, "Not Linked", source);
                } else {
                    LinkDirectory.Answer answer = events.directoryPage(peer.site(), this, request);
                    writer.answer(request, answer.status(), answer.reason(), source);
                }
                break;
            case LinkMessages.DISCONNECT:
                // As with 480 Disconnected Here: the disconnecting side resets the connection on reading our 200,
                // so that no TIME_WAIT keeps the two link ports from linking again at once.
                boolean wasLinked = phase == Phase.LINKED;
                quiet = true;
                phase = Phase.CLOSED;
                keepAlive.stopPinging();
                writer.answer(request, 200, "OK", source);
                closeLater();
                if (wasLinked) events.peerDisconnected(peer.site(), this);
                break;
            case org.sipsocial.link.relay.RelayHeaders.RELAY:
            case org.sipsocial.link.relay.RelayHeaders.RELAY_JOIN:
                if (!answering || phase != Phase.GREETING || peer.through() != null) {
                    writer.answer(request, 400, "Bad Request", source);
                } else {
                    events.relayAsked(peer.site(), this, request);
                }
                break;
            case org.sipsocial.link.relay.RelayHeaders.RELAY_OFFER:
                if (phase != Phase.LINKED || peer.through() != null) {
                    writer.answer(request, 400, "Not Linked", source);
                } else {
                    events.relayOffered(peer.site(), this, request);
                }
                break;
            default:
                writer.answer(request, 400, "Bad Request", source);
        }
    }

    /** This connection carries a link relayed through {@code relay} (issue 15): see {@link LinkPeer#relayedThrough}. */
    void relayedThrough(org.sipsocial.identity.SiteName relay) {
        peer.relayedThrough(relay);
        keepAlive.heard();
    }

    /** Answers a link request of the other side (the relay's answers). */
    void answer(SipRequest request, int status, String reason) {
        writer.answer(request, status, reason, (InetSocketAddress) ctx.channel().remoteAddress());
    }

    /** Sends a link request with extra header lines ({@code headers}, each ending in CRLF). */
    void sendRequest(String action, String headers) {
        writer.request(action, peer.site().name(), headers);
    }

    /** A relay request is waiting for the other end to join: the relay's own deadline applies, not ours. */
    void awaitRelay() {
        cancel(answerDue);
        quiet = true;
    }

    /**
     * Hands the connection over to the relay (issue 15): this handler and the framer leave the pipeline, reporting
     * nothing; the TLS below stays.
     */
    io.netty.channel.Channel handOver() {
        quiet = true;
        phase = Phase.CLOSED;
        keepAlive.stop();
        cancel(answerDue);
        io.netty.channel.ChannelPipeline pipeline = ctx.pipeline();
        io.netty.channel.Channel channel = ctx.channel();
        pipeline.remove(this);
        if (pipeline.get("framer") != null) pipeline.remove("framer");
        return channel;
    }

    private void onResponse(SipResponse response) {
        if (phase == Phase.LINKED && response.headerValue(LinkMessages.ACTION_HEADER) == null) {
            events.received(peer.site(), response);
            return;
        }
        String action = String.valueOf(response.headerValue(LinkMessages.ACTION_HEADER));
        Duration rtt = Duration.ofNanos(System.nanoTime() - probeSentNanos);
        InetSocketAddress from = peer.through() != null ? null : LinkMessages.seenFrom(response.topVia());
        String seenFrom = from == null ? null : from.getHostString() + ":" + from.getPort();
        if (action.equals(LinkMessages.DISCONNECT)) {
            ctx.close();
        } else if (!answering && phase == Phase.ASKING && action.equals(LinkMessages.CONNECT)) {
            cancel(answerDue);
            if (response.statusCode() == LinkMessages.DISCONNECTED_HERE) {
                quiet = true;
                ctx.close();
                events.peerRefuses(peer.site(), this);
            } else if (!response.isSuccess()) {
                failBeforeLink(null, false);
            } else {
                becomeLinked(rtt, seenFrom);
            }
        } else if (action.equals(LinkMessages.PROBE) && peer.site() != null) {
            events.measured(peer.site(), this, rtt, seenFrom);
        } else if (action.equals(LinkMessages.DIRECTORY) && !response.isSuccess()) {
            LOG.warn("{} refused our directory: {}", peer.site().name(), response.startLine());
        }
    }

    /** Linked; {@code rtt} and {@code seenFrom} are null when a probe's answer measured them already. */
    private void becomeLinked(Duration rtt, String seenFrom) {
        phase = Phase.LINKED;
        if (rtt != null) events.measured(peer.site(), this, rtt, seenFrom);
        events.linked(peer.site(), this);
        if (phase != Phase.LINKED) return;
        keepAlive.start(ctx, answering, now -> {
            probeSentNanos = now;
            send(LinkMessages.PROBE);
        }, () -> closeWith(LinkFailure.PEER_STOPPED_ANSWERING));
    }

    /** Closes a dead link, reporting why (like every link socket, with a reset: see {@link LinkSockets}). */
    private void closeWith(LinkFailure failure) {
        if (closeReason == null) {
            closeReason = new LinkError(failure, peer.site().name().toString(), peer.remote(), null);
        }
        ctx.close();
    }

    /** Sends a SIP message of the layer above over this link. */
    io.netty.channel.ChannelFuture send(SipMessage message) {
        return writer.message(message);
    }

    /** Sends a frame of the layer above over this link (dropped unless the link is up). */
    void send(LinkFrame frame) {
        if (phase == Phase.LINKED && isOpen()) writer.frame(frame);
    }

    /** Sends our directory, page by page ({@link LinkDirectory}), when the link is up. */
    void sendDirectory(java.util.List<byte[]> pages) {
        if (phase != Phase.LINKED || !isOpen()) return;
        writer.directory(peer.site().name(), pages);
    }

    /** Our administrator pressed Disconnect: tell the other side, then close. */
    void disconnect() {
        if (!isOpen()) return;
        quiet = true;
        if (phase == Phase.LINKED) {
            send(LinkMessages.DISCONNECT);
            closeLater();
        } else {
            ctx.close();
        }
    }

    /** Closes without reporting anything (a duplicate link, or a dial no longer needed). */
    void closeQuietly() {
        quiet = true;
        if (ctx != null) ctx.close();
    }

    private void send(String action) {
        writer.request(action, peer.site().name());
    }

    /** Closes a handshake timeout from now, unless the other side closes first (as it should, with a reset). */
    private void closeLater() {
        ctx.executor().schedule(() -> ctx.close(), settings.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        LOG.debug("link connection {}: {}", peer.remote(), cause.toString());
        if (phase == Phase.LINKED) {
            closeWith(LinkFailure.LINK_LOST);
        } else {
            failBeforeLink(cause, false);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) throws Exception {
        Phase was = phase;
        phase = Phase.CLOSED;
        keepAlive.stop();
        cancel(answerDue);
        if (!quiet) {
            if (was == Phase.LINKED) {
                events.lost(peer.site(), this, closeReason != null ? closeReason
                        : new LinkError(LinkFailure.LINK_LOST, peer.site().name().toString(), peer.remote(), null));
            } else if (was != Phase.CLOSED) {
                phase = was;
                failBeforeLink(null, false);
            }
        }
        super.channelInactive(context);
    }

    /** Reports why a connection ended before it became a link, once, and closes it. */
    private void failBeforeLink(Throwable cause, boolean timedOut) {
        if (quiet || phase == Phase.LINKED) return;
        quiet = true;
        Phase was = phase;
        phase = Phase.CLOSED;
        if (peer.dialled() != null) {
            ctx.close();
            events.dialFailed(peer.dialled(), this, DialOutcome.explain(peer.dialled(), self.certificate(),
                    trust.verdict(), was == Phase.GREETING, was == Phase.ASKING, cause, timedOut, clock.instant()));
        } else {
            ctx.close();
            TrustVerdict verdict = trust.verdict();
            LinkFailure failure = DialOutcome.certificateAlert(cause) ? LinkFailure.OUR_CERTIFICATE_REFUSED : LinkFailure.HANDSHAKE_FAILED;
            events.refused(verdict != null && !verdict.isAccepted() ? verdict.error()
                    : new LinkError(failure, "", peer.remote(), null));
        }
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) f.cancel(false);
    }
}
