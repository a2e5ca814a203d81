package org.sipsocial.sip.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;

/**
 * Builds the pipeline of one TCP or TLS connection, in order from the network up:
 *
 * <pre>
 * gate      admit against the connection limits; enter in the table      {@link ConnectionGate}
 * budget    close when too many bytes wait for the peer                   {@link OutboundBudget}
 * tls       TLS 1.2/1.3, for TLS only (context read now: replacements
 *           apply to new connections only)                                SslHandler
 * encoder   message to bytes                                              {@link MessageEncoder}
 * framer    bytes to messages by Content-Length; read timeout             {@link StreamFramer}
 * keepalive CRLF ping/pong, our pings, idle limit                         {@link KeepAlive}
 * parser    message bytes to SipMessage or rejection                      {@link FrameParser}
 * dispatch  Via stamping, up to the listener; 400 or drop                 {@link InboundDispatcher}
 * </pre>
 */
final class StreamPipeline extends ChannelInitializer<Channel> {
    private final TransportParts parts;
    private final Transport transport;
    private final boolean outbound;
    private final ClientAuth clientAuth;
    private final InetSocketAddress target;

    /** For connections a listener accepts. */
    static StreamPipeline accepting(TransportParts parts, Transport transport, ClientAuth clientAuth) {
        return new StreamPipeline(parts, transport, false, clientAuth, null);
    }

    /** For a connection we open to {@code target}. */
    static StreamPipeline connecting(TransportParts parts, Transport transport, InetSocketAddress target) {
        return new StreamPipeline(parts, transport, true, ClientAuth.NONE, target);
    }

    private StreamPipeline(TransportParts parts, Transport transport, boolean outbound, ClientAuth clientAuth,
                           InetSocketAddress target) {
        this.parts = parts;
        this.transport = transport;
        this.outbound = outbound;
        this.clientAuth = clientAuth;
        this.target = target;
    }

    @Override
    protected void initChannel(Channel ch) {
        TransportLimits limits = parts.limits();
        OutboundBudget.apply(ch, limits.maxPendingOutboundBytes());
        ChannelPipeline p = ch.pipeline();
        p.addLast("gate", new ConnectionGate(transport, outbound, parts.table(), parts.metrics(), parts.admission()));
        p.addLast("budget", OutboundBudget.INSTANCE);
        if (transport == Transport.TLS) {
            SslHandler ssl = outbound
                    ? parts.tls().client().newHandler(ch.alloc(), target.getHostString(), target.getPort())
                    : parts.tls().server(clientAuth).newHandler(ch.alloc());
            ssl.setHandshakeTimeoutMillis(limits.readTimeout().toMillis());
            p.addLast("tls", ssl);
        }
        p.addLast("encoder", MessageEncoder.INSTANCE);
        p.addLast("framer", new StreamFramer(limits.sip(), limits.readTimeout(), !outbound));
        p.addLast("keepalive", new KeepAlive(limits, outbound, parts.metrics()));
        p.addLast("parser", new FrameParser(limits.sip()));
        p.addLast("dispatch", parts.dispatcher(transport));
    }
}
