package org.sipsocial.sip.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import org.sipsocial.sip.message.SipMessage;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;
import org.sipsocial.sip.message.SipWriter;
import org.sipsocial.sip.message.header.Via;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last stage of every pipeline: hands well-formed messages to the layer above and answers or drops
 * refused input as {@link BadInput} decides; on a stream, messages from a source its {@link SourceAdmission}
 * refuses are dropped first.
 *
 * <p>For a request it first applies the server transport's duties of RFC 3261 §18.2.1 and RFC 3581
 * §4 ({@link ViaStamp}), remembers where the request came in for its responses
 * ({@link ResponseRoutes}), and on a stream honours RFC 5923 §5: a top Via with {@code alias} makes
 * the connection serve requests back to the sender's advertised port (at the connection's source
 * address, so a sender can only alias itself).
 */
@ChannelHandler.Sharable
final class InboundDispatcher extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(InboundDispatcher.class);

    private final Transport transport;
    private final TransportParts parts;

    InboundDispatcher(Transport transport, TransportParts parts) {
        this.transport = transport;
        this.parts = parts;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (transport.isStream() && (msg instanceof Received.Message || msg instanceof Received.Rejected)
                && !parts.admission().admits((InetSocketAddress) ctx.channel().remoteAddress())) {
            return; // over its source's limit: no answer, no state (datagrams are gated before parsing, by SourceGate)
        }
        if (msg instanceof Received.Message) {
            deliver(ctx.channel(), (Received.Message) msg);
        } else if (msg instanceof Received.Rejected) {
            refuse(ctx.channel(), (Received.Rejected) msg);
        }
    }

    private void deliver(Channel ch, Received.Message received) {
        ChannelConnection connection = ChannelConnection.of(ch);
        SipMessage message = received.message();
        if (message instanceof SipRequest) {
            SipRequest stamped = ViaStamp.stamp((SipRequest) message, received.remote());
            Via top = stamped.topVia();
            parts.routes().remember(top, ch);
            if (connection != null && top.hasAlias()) {
                int port = top.port() > 0 ? top.port() : transport.defaultPort();
                parts.table().alias(connection, new InetSocketAddress(received.remote().getAddress(), port));
            }
            message = stamped;
        }
        parts.metrics().received(transport, message.isRequest());
        InetSocketAddress local = connection != null ? connection.local() : (InetSocketAddress) ch.localAddress();
        List<X509Certificate> chain = connection != null ? connection.peerCertificates() : List.of();
        Inbound inbound = new Inbound(message, transport, received.remote(), local, connection, chain);
        try {
            parts.listener().onInbound(inbound);
        } catch (RuntimeException e) {
            LOG.warn("the layer above failed on {} from {}", message.startLine(), received.remote(), e);
        }
    }

    private void refuse(Channel ch, Received.Rejected rejected) {
        BadInput.Verdict verdict = BadInput.judge(rejected.bytes(), rejected.rejection());
        SipResponse answer = verdict.answer();
        parts.metrics().rejected(transport, rejected.rejection(), verdict.action());
        LOG.debug("{} input from {} refused ({}): {}", transport, rejected.remote(), rejected.rejection(),
                answer != null ? "answered " + answer.statusCode() : verdict.action().tag());
        ChannelFuture sent = null;
        if (answer != null) {
            Object out = transport.isStream() ? answer
                    : new DatagramPacket(MessageEncoder.datagramPayload(ch.alloc(), answer,
                            SipWriter.encodedLength(answer)), rejected.remote());
            sent = ch.writeAndFlush(out);
        }
        if (rejected.closeAfter()) {
            ChannelConnection c = ChannelConnection.of(ch);
            Runnable close = () -> {
                if (c != null) {
                    c.closeFor(CloseReason.FRAMING);
                } else {
                    ch.close();
                }
            };
            if (sent != null) {
                sent.addListener((ChannelFutureListener) f -> close.run());
            } else {
                close.run();
            }
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ChannelConnection c = ChannelConnection.of(ctx.channel());
        LOG.debug("{} error on {}: {}", transport, c != null ? c : ctx.channel(), cause.toString());
        if (c != null) c.closeFor(CloseReason.ERROR);
    }
}
