package org.sipsocial.link;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.sipsocial.identity.SiteIdentity;
import org.sipsocial.sip.message.SipMessage;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;
import org.sipsocial.sip.message.SipWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TLS connection of a link, from handshake to close: the top of its pipeline (after TLS and
 * {@link LinkFramer}). It runs the link requests of {@link LinkMessages}, the RFC 5626 keep-alive (the dialler
 * pings; the answering side pongs and watches for silence), and reports to {@link SiteLinks}. "Dialler" and
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
    /** The events a connection reports; all are called on the link thread. */
    interface Events {
        void dialFailed(RemoteSite site, LinkConnection connection, LinkError error);

        void peerRefuses(RemoteSite site, LinkConnection connection);

        /** An answering connection asks whether we accept a link with {@code site} (no: we disconnected it). */
        boolean offered(RemoteSite site, LinkConnection connection);

        void linked(RemoteSite site, LinkConnection connection);

        void measured(RemoteSite site, LinkConnection connection, Duration roundTrip, String seenFrom);

        void peerDisconnected(RemoteSite site, LinkConnection connection);

        void lost(RemoteSite site, LinkConnection connection, LinkError error);

        void refused(LinkError error);

        /** A page of the other site's directory arrived on a link that is up. */
        LinkDirectory.Answer directoryPage(RemoteSite site, LinkConnection connection, SipRequest page);

        /** A SIP message other than the link's own arrived on a link. */
        void received(RemoteSite site, SipMessage message);

        /** A {@link LinkFrame} arrived on a link that is up. */
        void received(RemoteSite site, LinkFrame frame);

        /** Before any link: a site asks to be relayed, or joins a relayed link ({@link RelayDesk}). */
        void relayAsked(RemoteSite site, LinkConnection connection, SipRequest request);

        /** On a link that is up: the relaying site {@code site} offers a relayed link ({@link RelayDialler}). */
        void relayOffered(RemoteSite site, LinkConnection connection, SipRequest request);
    }

    /** HANDSHAKE: TLS; GREETING: waiting for the answerer's probe (dialler) or the connect (answerer); ASKING: connect sent. */
    private enum Phase { HANDSHAKE, GREETING, ASKING, LINKED, CLOSED }

    /** Keep-alive intervals between two probes: 5 minutes at the default 25 s, following NAT rebinding. */
    static final int PROBE_EVERY = 12;
    /** How many times per pong timeout the answering side looks at how long the initiator has been silent. */
    private static final int SILENCE_CHECKS_PER_PONG_TIMEOUT = 4;
    private static final Logger LOG = LoggerFactory.getLogger(LinkConnection.class);

    private final SiteIdentity self;
    private final PinnedTrust trust;
    private final RemoteSite dialled;
    private final LinkSettings settings;
    private final Events events;
    private final java.time.Clock clock;

    private ChannelHandlerContext ctx;
    private boolean answering;
    private Phase phase = Phase.HANDSHAKE;
    private RemoteSite site;
    private int cseq;
    private long lastProbeNanos;
    private long probeSentNanos;
    private long lastHeardNanos;
    private boolean quiet;
    private String remoteText = "";
    private LinkError closeReason;
    private ScheduledFuture<?> keepAlive;
    private ScheduledFuture<?> pongDue;
    private ScheduledFuture<?> answerDue;
    private SslHandler tls;
    /** The relaying site that carries this link (issue 15), or null for a direct link. */
    private org.sipsocial.identity.SiteName through;
    /** The round trip of each keep-alive ping and its pong, on the injected clock: the link's RTT between probes. */
    private final PingRoundTrip pingRoundTrip = new PingRoundTrip();

    LinkConnection(SiteIdentity self, PinnedTrust trust, RemoteSite dialled, LinkSettings settings, Events events,
                   java.time.Clock clock) {
        this.self = self;
        this.trust = trust;
        this.dialled = dialled;
        this.site = dialled;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
        this.answering = dialled == null;
    }

    /**
     * True when this end is the TLS client: it speaks first, pings, and waits for the answerer's probe. A dial
     * is the client unless it crossed the other site's dial and answered its handshake ({@link SimultaneousOpen}).
     */
    boolean initiator() {
        return !answering;
    }

    /** True when this connection is a dial of ours, from the link port (crossed with the other site's or not). */
    boolean ourDial() {
        return dialled != null;
    }

    /** The site at the other end, once known (dialling: from the start; answering: after the handshake). */
    RemoteSite site() {
        return site;
    }

    boolean isOpen() {
        return ctx != null && ctx.channel().isOpen() && phase != Phase.CLOSED;
    }

    /** The other end's {@code host:port}, or empty before the connection is up. */
    String remote() {
        return remoteText;
    }

    /** The certificate the peer presented on this link's own TLS (the inner one of a relayed link), or {@code null}. */
    X509Certificate peerCertificate() {
        try {
            Certificate[] chain = tls.engine().getSession().getPeerCertificates();
            return chain.length == 0 ? null : (X509Certificate) chain[0];
        } catch (SSLPeerUnverifiedException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
    }

    @Override
    public void channelActive(ChannelHandlerContext context) throws Exception {
        lastHeardNanos = System.nanoTime();
        remoteText = LinkMessages.hostPort((InetSocketAddress) context.channel().remoteAddress());
        super.channelActive(context);
    }

    @Override
    public void tlsStarted(SslHandler tls, boolean answeringSide) {
        this.tls = tls;
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
            site = trust.verdict().site();
            probeSentNanos = System.nanoTime();
            send(LinkMessages.PROBE);
        }
        answerDue = ctx.executor().schedule(() -> failBeforeLink(null, true),
                settings.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        lastHeardNanos = System.nanoTime();
        if (msg == LinkFramer.KeepAlive.PING) {
            context.writeAndFlush(Unpooled.wrappedBuffer(LinkMessages.PONG));
        } else if (msg == LinkFramer.KeepAlive.PONG) {
            cancel(pongDue);
            pingRoundTrip.answered(clock.instant()).ifPresent(rtt -> events.measured(site, this, rtt, null));
        } else if (msg instanceof LinkFrame) {
            if (phase == Phase.LINKED) events.received(site, (LinkFrame) msg);
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
            events.received(site, request);
            return;
        }
        if (site == null || !request.isMethod("OPTIONS")) {
            reply(request, 400, "Bad Request", source);
            return;
        }
        switch (action) {
            case LinkMessages.PROBE:
                reply(request, 200, "OK", source);
                if (!answering && phase == Phase.GREETING) {
                    phase = Phase.ASKING;
                    probeSentNanos = System.nanoTime();
                    send(LinkMessages.CONNECT);
                }
                break;
            case LinkMessages.CONNECT:
                if (!answering || phase != Phase.GREETING) {
                    reply(request, 200, "OK", source);
                } else if (events.offered(site, this)) {
                    cancel(answerDue);
                    reply(request, 200, "OK", source);
                    becomeLinked(null, null);
                } else {
                    // The dialler closes on reading this; we close only if it does not. (Every link socket
                    // closes with a reset, see LinkSockets, so no TIME_WAIT blocks the two link ports.)
                    quiet = true;
                    reply(request, LinkMessages.DISCONNECTED_HERE, "Disconnected Here", source);
                    ctx.executor().schedule(() -> ctx.close(), settings.handshakeTimeout().toMillis(),
                            TimeUnit.MILLISECONDS);
                }
                break;
            case LinkMessages.DIRECTORY:
                if (phase != Phase.LINKED) {
                    reply(request, 400, "Not Linked", source);
                } else {
                    LinkDirectory.Answer answer = events.directoryPage(site, this, request);
                    reply(request, answer.status(), answer.reason(), source);
                }
                break;
            case LinkMessages.DISCONNECT:
                // As with 480 Disconnected Here: the disconnecting side resets the connection on reading our 200,
                // so that no TIME_WAIT keeps the two link ports from linking again at once.
                boolean wasLinked = phase == Phase.LINKED;
                quiet = true;
                phase = Phase.CLOSED;
                cancel(keepAlive);
                reply(request, 200, "OK", source);
                ctx.executor().schedule(() -> ctx.close(), settings.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
                if (wasLinked) events.peerDisconnected(site, this);
                break;
            case org.sipsocial.link.relay.RelayHeaders.RELAY:
            case org.sipsocial.link.relay.RelayHeaders.RELAY_JOIN:
                if (!answering || phase != Phase.GREETING || through != null) {
                    reply(request, 400, "Bad Request", source);
                } else {
                    events.relayAsked(site, this, request);
                }
                break;
            case org.sipsocial.link.relay.RelayHeaders.RELAY_OFFER:
                if (phase != Phase.LINKED || through != null) {
                    reply(request, 400, "Not Linked", source);
                } else {
                    events.relayOffered(site, this, request);
                }
                break;
            default:
                reply(request, 400, "Bad Request", source);
        }
    }

    /**
     * This connection carries a link relayed through {@code relay} (issue 15): its TLS runs inside the relayed
     * connection, and the address the other side sees is the relay's, so it reports none.
     */
    void relayedThrough(org.sipsocial.identity.SiteName relay) {
        this.through = relay;
        this.remoteText = "through " + relay;
        this.lastHeardNanos = System.nanoTime();
    }

    /** The relaying site of a relayed link, or null for a direct one. */
    org.sipsocial.identity.SiteName through() {
        return through;
    }

    /** Answers a link request of the other side (the relay's answers). */
    void answer(SipRequest request, int status, String reason) {
        reply(request, status, reason, (InetSocketAddress) ctx.channel().remoteAddress());
    }

    /** Sends a link request with extra header lines ({@code headers}, each ending in CRLF). */
    void sendRequest(String action, String headers) {
        ctx.writeAndFlush(Unpooled.wrappedBuffer(LinkMessages.request(action, self.site(), site.name(),
                (InetSocketAddress) ctx.channel().localAddress(), ++cseq, headers, new byte[0])));
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
        cancel(keepAlive);
        cancel(pongDue);
        cancel(answerDue);
        io.netty.channel.ChannelPipeline pipeline = ctx.pipeline();
        io.netty.channel.Channel channel = ctx.channel();
        pipeline.remove(this);
        if (pipeline.get("framer") != null) pipeline.remove("framer");
        return channel;
    }

    private void onResponse(SipResponse response) {
        if (phase == Phase.LINKED && response.headerValue(LinkMessages.ACTION_HEADER) == null) {
            events.received(site, response);
            return;
        }
        String action = String.valueOf(response.headerValue(LinkMessages.ACTION_HEADER));
        Duration rtt = Duration.ofNanos(System.nanoTime() - probeSentNanos);
        InetSocketAddress from = through != null ? null : LinkMessages.seenFrom(response.topVia());
        String seenFrom = from == null ? null : from.getHostString() + ":" + from.getPort();
        if (action.equals(LinkMessages.DISCONNECT)) {
            ctx.close();
        } else if (!answering && phase == Phase.ASKING && action.equals(LinkMessages.CONNECT)) {
            cancel(answerDue);
            if (response.statusCode() == LinkMessages.DISCONNECTED_HERE) {
                quiet = true;
                ctx.close();
                events.peerRefuses(site, this);
            } else if (!response.isSuccess()) {
                failBeforeLink(null, false);
            } else {
                becomeLinked(rtt, seenFrom);
            }
        } else if (action.equals(LinkMessages.PROBE) && site != null) {
            events.measured(site, this, rtt, seenFrom);
        } else if (action.equals(LinkMessages.DIRECTORY) && !response.isSuccess()) {
            LOG.warn("{} refused our directory: {}", site.name(), response.startLine());
        }
    }

    /** Linked; {@code rtt} and {@code seenFrom} are null when a probe's answer measured them already. */
    private void becomeLinked(Duration rtt, String seenFrom) {
        phase = Phase.LINKED;
        if (rtt != null) events.measured(site, this, rtt, seenFrom);
        events.linked(site, this);
        if (phase != Phase.LINKED) return;
        lastProbeNanos = System.nanoTime();
        long every = Math.max(1, answering ? settings.pongTimeout().toMillis() / SILENCE_CHECKS_PER_PONG_TIMEOUT
                : settings.keepAliveInterval().toMillis());
        keepAlive = ctx.executor().scheduleAtFixedRate(answering ? this::watchSilence : this::ping,
                every, every, TimeUnit.MILLISECONDS);
    }

    /** RFC 5626 §4.4.1: send a CRLF ping; no pong within the timeout means the flow has failed. */
    private void ping() {
        if (pongDue != null && !pongDue.isDone()) return;
        reprobe();
        pingRoundTrip.sent(clock.instant());
        ctx.writeAndFlush(Unpooled.wrappedBuffer(LinkMessages.PING));
        pongDue = ctx.executor().schedule(() -> closeWith(LinkFailure.PEER_STOPPED_ANSWERING),
                settings.pongTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The answering side hears a ping every interval: an interval and a pong timeout of silence is a dead peer,
     * found as soon as the initiator finds it.
     */
    private void watchSilence() {
        long limit = settings.keepAliveInterval().plus(settings.pongTimeout()).toNanos();
        if (System.nanoTime() - lastHeardNanos > limit) {
            closeWith(LinkFailure.PEER_STOPPED_ANSWERING);
        } else {
            reprobe();
        }
    }

    /** Every {@value #PROBE_EVERY} keep-alive intervals, measures the round trip and the address seen from again. */
    private void reprobe() {
        long now = System.nanoTime();
        if (now - lastProbeNanos < settings.keepAliveInterval().multipliedBy(PROBE_EVERY).toNanos()) return;
        lastProbeNanos = now;
        probeSentNanos = now;
        send(LinkMessages.PROBE);
    }

    /** Closes a dead link, reporting why (like every link socket, with a reset: see {@link LinkSockets}). */
    private void closeWith(LinkFailure failure) {
        if (closeReason == null) closeReason = new LinkError(failure, site.name().toString(), remote(), null);
        ctx.close();
    }

    /** Sends a SIP message of the layer above over this link. */
    io.netty.channel.ChannelFuture send(SipMessage message) {
        return ctx.writeAndFlush(Unpooled.wrappedBuffer(SipWriter.toBytes(message)));
    }

    /** Sends a frame of the layer above over this link (dropped unless the link is up). */
    void send(LinkFrame frame) {
        if (phase == Phase.LINKED && isOpen()) ctx.writeAndFlush(Unpooled.wrappedBuffer(frame.toBytes()));
    }

    /**
     * The other end's address, or null before the connection is up, and for a relayed link (issue 15), whose
     * other end is the relay, not the far site.
     */
    java.net.InetAddress remoteAddress() {
        if (through != null) return null;
        java.net.SocketAddress address = ctx == null ? null : ctx.channel().remoteAddress();
        return address instanceof InetSocketAddress ? ((InetSocketAddress) address).getAddress() : null;
    }

    /** Sends our directory, page by page ({@link LinkDirectory}), when the link is up. */
    void sendDirectory(java.util.List<byte[]> pages) {
        if (phase != Phase.LINKED || !isOpen()) return;
        for (int i = 0; i < pages.size(); i++) {
            ctx.write(Unpooled.wrappedBuffer(LinkMessages.directoryPage(self.site(), site.name(),
                    (InetSocketAddress) ctx.channel().localAddress(), ++cseq, i + 1, pages.size(), pages.get(i))));
        }
        ctx.flush();
    }

    /** Our administrator pressed Disconnect: tell the other side, then close. */
    void disconnect() {
        if (!isOpen()) return;
        quiet = true;
        if (phase == Phase.LINKED) {
            send(LinkMessages.DISCONNECT);
            ctx.executor().schedule(() -> ctx.close(), settings.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
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
        SiteIdentity me = self;
        byte[] bytes = LinkMessages.request(action, me.site(), site.name(),
                (InetSocketAddress) ctx.channel().localAddress(), ++cseq);
        ctx.writeAndFlush(Unpooled.wrappedBuffer(bytes));
    }

    private io.netty.channel.ChannelFuture reply(SipRequest request, int status, String reason,
                                                 InetSocketAddress source) {
        return ctx.writeAndFlush(Unpooled.wrappedBuffer(LinkMessages.response(request, status, reason, source)));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        LOG.debug("link connection {}: {}", remote(), cause.toString());
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
        cancel(keepAlive);
        cancel(pongDue);
        cancel(answerDue);
        if (!quiet) {
            if (was == Phase.LINKED) {
                events.lost(site, this, closeReason != null ? closeReason
                        : new LinkError(LinkFailure.LINK_LOST, site.name().toString(), remote(), null));
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
        if (dialled != null) {
            ctx.close();
            events.dialFailed(dialled, this, DialOutcome.explain(dialled, self.certificate(), trust.verdict(),
                    was == Phase.GREETING, was == Phase.ASKING, cause, timedOut, clock.instant()));
        } else {
            ctx.close();
            TrustVerdict verdict = trust.verdict();
            LinkFailure failure = DialOutcome.certificateAlert(cause) ? LinkFailure.OUR_CERTIFICATE_REFUSED : LinkFailure.HANDSHAKE_FAILED;
            events.refused(verdict != null && !verdict.isAccepted() ? verdict.error()
                    : new LinkError(failure, "", remote(), null));
        }
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) f.cancel(false);
    }
}
