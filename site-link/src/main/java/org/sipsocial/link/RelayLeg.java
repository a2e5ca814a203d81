package org.sipsocial.link;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.sipsocial.identity.SiteName;
import org.sipsocial.link.relay.RelayRefusal;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;

/**
 * At an end of a relayed link (issue 15), one connection to the relaying site before the relay splices it: above
 * the relay's TLS (pinned to the relaying site) and a framer that reads one message at a time. It answers the
 * relay's probe, sends its request ({@code relay} or {@code relay-join}), and on the relay's 200 puts the link's
 * own TLS (pinned to the site at the other end) and a {@link LinkConnection} in its place:
 *
 * <pre>
 * tls        the relay's TLS, pinned to the relaying site        SslHandler
 * framer     (leaves on the 200, handing on what followed it)    {@link LinkFramer}
 * inner-tls  the link's TLS, end to end, pinned to the far site  SslHandler
 * inner-framer, inner-link                                       {@link LinkFramer}, {@link LinkConnection}
 * </pre>
 */
final class RelayLeg extends ChannelInboundHandlerAdapter {
    /** What the leg reports; called on the link thread. */
    interface Outcome {
        /**
         * The relay refused, or the connection failed before the 200: one plain line; {@code lasting} when the
         * relay's settings refuse it ({@link RelayRefusal#lasting()}).
         */
        void failed(String why, boolean lasting);

        /** The relay spliced: the link's own TLS ({@code inner}) and connection are in place. */
        void spliced(LinkConnection link, SslHandler inner);
    }

    private final SiteName self;
    private final SiteName relay;
    private final SiteName far;
    private final String action;
    private final String headers;
    private final boolean client;
    private final Supplier<javax.net.ssl.SSLEngine> innerEngine;
    private final Supplier<LinkConnection> innerLink;
    private final LinkSettings settings;
    private final Outcome outcome;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> due;
    private boolean done;

    /**
     * @param client      true for the site that asked: it is the inner TLS client
     * @param innerEngine the inner TLS engine, made when the relay answered
     */
    RelayLeg(SiteName self, SiteName relay, SiteName far, String action, String headers, boolean client,
             Supplier<javax.net.ssl.SSLEngine> innerEngine, Supplier<LinkConnection> innerLink, LinkSettings settings,
             Outcome outcome) {
        this.self = self;
        this.relay = relay;
        this.far = far;
        this.action = action;
        this.headers = headers;
        this.client = client;
        this.innerEngine = innerEngine;
        this.innerLink = innerLink;
        this.settings = settings;
        this.outcome = outcome;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
        // The relay waits for the other end for up to two handshake timeouts; we wait a little longer.
        due = context.executor().schedule(() -> fail("no answer from " + relay + " to the relay request"),
                settings.handshakeTimeout().toMillis() * 3, TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        try {
            if (msg instanceof SipRequest request
                    && LinkMessages.PROBE.equals(request.headerValue(LinkMessages.ACTION_HEADER))) {
                InetSocketAddress source = (InetSocketAddress) context.channel().remoteAddress();
                context.write(Unpooled.wrappedBuffer(LinkMessages.response(request, 200, "OK", source)));
                context.writeAndFlush(Unpooled.wrappedBuffer(LinkMessages.request(action, self, relay,
                        (InetSocketAddress) context.channel().localAddress(), 1, headers, new byte[0])));
            } else if (msg instanceof SipResponse response
                    && action.equals(response.headerValue(LinkMessages.ACTION_HEADER))) {
                if (response.isSuccess()) {
                    splice(context);
                } else {
                    java.util.Optional<RelayRefusal> refusal = RelayRefusal.of(response.statusCode(), response.reasonPhrase());
                    fail(refusal.map(r -> "relay through " + relay + " refused: "
                                    + r.line(relay.toString(), self.toString(), far.toString()))
                            .orElse("relay through " + relay + " refused: " + response.startLine()),
                            refusal.map(RelayRefusal::lasting).orElse(false));
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void splice(ChannelHandlerContext context) {
        done = true;
        due.cancel(false);
        var pipeline = context.pipeline();
        SslHandler inner = new SslHandler(innerEngine.get());
        inner.setHandshakeTimeoutMillis(settings.handshakeTimeout().toMillis());
        LinkConnection link = innerLink.get();
        link.relayedThrough(relay);
        pipeline.addAfter("framer", "inner-tls", inner);
        pipeline.addAfter("inner-tls", "inner-framer", new LinkFramer(client));
        pipeline.addAfter("inner-framer", "inner-link", link);
        link.tlsStarted(inner, !client);
        pipeline.remove(this);
        pipeline.remove("framer");
        outcome.spliced(link, inner);
    }

    /** Ends the leg before the splice, reporting {@code why} once. */
    void fail(String why) {
        fail(why, false);
    }

    private void fail(String why, boolean lasting) {
        if (done) return;
        done = true;
        if (due != null) due.cancel(false);
        ctx.close();
        outcome.failed(why, lasting);
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) throws Exception {
        fail("relay through " + relay + ": the connection closed before the relay answered");
        super.channelInactive(context);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        fail("relay through " + relay + " failed: " + cause.getMessage());
    }
}
