package org.sipsocial.sip.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.socket.DatagramPacket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.sipsocial.sip.message.SipMessage;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;
import org.sipsocial.sip.message.SipWriter;
import org.sipsocial.sip.message.header.Via;

/**
 * Sends requests to a given hop (RFC 3261 §18.1.1) and responses where their top Via says
 * (RFC 3261 §18.2.2, RFC 3581 §4), over UDP sockets of the listeners or over connections.
 */
final class MessageSender {
    /** The largest UDP payload over IPv4 (65535 - 20 IP - 8 UDP header bytes). */
    static final int MAX_DATAGRAM_PAYLOAD = 65_507;

    private final TransportParts parts;
    private final Connector connector;
    private final List<Channel> udpSockets;

    MessageSender(TransportParts parts, Connector connector, List<Channel> udpSockets) {
        this.parts = parts;
        this.connector = connector;
        this.udpSockets = udpSockets;
    }

    CompletableFuture<Void> send(SipRequest request, Transport transport, InetSocketAddress target) {
        if (target.isUnresolved()) return failed(TransportFailure.UNRESOLVED_TARGET, target.toString());
        if (transport == Transport.UDP) return counted(datagram(udpSocketFor(target.getAddress()), request, target));
        return counted(connector.connection(transport, target).thenCompose(c -> write(c.channel(), request)));
    }

    CompletableFuture<Void> sendResponse(SipResponse response) {
        Via via;
        Transport transport;
        try {
            via = response.topVia();
            transport = via == null ? null : Transport.fromVia(via.transport());
        } catch (RuntimeException badVia) {
            return failed(TransportFailure.UNROUTABLE_RESPONSE, "top Via: " + badVia.getMessage());
        }
        if (transport == null) return failed(TransportFailure.UNROUTABLE_RESPONSE, "top Via " + via);
        Channel arrival = parts.routes().channelFor(via);
        if (arrival != null) {
            if (ChannelConnection.of(arrival) != null) return counted(write(arrival, response));
            // The request came over UDP, whatever its Via says: answer over UDP, by the UDP rules of §18.2.2.
            transport = Transport.UDP;
        }
        InetSocketAddress source = ResponseTarget.source(via, transport);
        if (transport == Transport.UDP) {
            if (source.isUnresolved()) return failed(TransportFailure.UNRESOLVED_TARGET, source.toString());
            Channel socket = arrival != null ? arrival : udpSocketFor(source.getAddress());
            return counted(datagram(socket, response, source));
        }
        ChannelConnection open = source.isUnresolved() ? null : parts.table().find(transport, source);
        if (open != null) return counted(write(open.channel(), response));
        InetSocketAddress reconnect = ResponseTarget.reconnect(via, transport);
        if (reconnect.isUnresolved()) return failed(TransportFailure.UNRESOLVED_TARGET, reconnect.toString());
        return counted(connector.connection(transport, reconnect).thenCompose(c -> write(c.channel(), response)));
    }

    private CompletableFuture<Void> write(Channel channel, SipMessage message) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Transport transport = ChannelConnection.of(channel).transport();
        channel.writeAndFlush(message).addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                parts.metrics().sent(transport, message.isRequest());
                done.complete(null);
            } else {
                done.completeExceptionally(new TransportException(TransportFailure.WRITE_FAILED,
                        "to " + channel.remoteAddress() + ": " + f.cause(), f.cause()));
            }
        });
        return done;
    }

    private CompletableFuture<Void> datagram(Channel socket, SipMessage message, InetSocketAddress target) {
        if (socket == null) return failed(TransportFailure.NO_LISTENER, "no UDP listener for " + target);
        int length = SipWriter.encodedLength(message);
        if (length > MAX_DATAGRAM_PAYLOAD) return failed(TransportFailure.MESSAGE_TOO_LARGE, length + " bytes");
        CompletableFuture<Void> done = new CompletableFuture<>();
        socket.writeAndFlush(new DatagramPacket(MessageEncoder.datagramPayload(socket.alloc(), message, length), target))
                .addListener((ChannelFutureListener) f -> {
                    if (f.isSuccess()) {
                        parts.metrics().sent(Transport.UDP, message.isRequest());
                        done.complete(null);
                    } else {
                        done.completeExceptionally(new TransportException(TransportFailure.WRITE_FAILED,
                                "UDP to " + target + ": " + f.cause(), f.cause()));
                    }
                });
        return done;
    }

    /**
     * A UDP socket to send to {@code target} from: of the target's address family, preferring one
     * bound to the wildcard address or, for a loopback target, to loopback; failing that, an IPv6
     * wildcard socket, which is dual-stack and reaches IPv4 too.
     */
    private Channel udpSocketFor(InetAddress target) {
        Channel fallback = null;
        Channel dualStack = null;
        for (Channel s : udpSockets) {
            InetAddress bound = ((InetSocketAddress) s.localAddress()).getAddress();
            if ((bound instanceof Inet6Address) != (target instanceof Inet6Address)) {
                if (bound.isAnyLocalAddress() && dualStack == null) dualStack = s;
                continue;
            }
            if (bound.isAnyLocalAddress() || bound.isLoopbackAddress() == target.isLoopbackAddress()) return s;
            if (fallback == null) fallback = s;
        }
        return fallback != null ? fallback : dualStack;
    }

    /** Counts the failure, whatever stage produced it, in {@code sip.transport.send.failed}. */
    private CompletableFuture<Void> counted(CompletableFuture<Void> f) {
        return f.whenComplete((v, e) -> {
            if (e != null) parts.metrics().sendFailed(failureOf(e));
        });
    }

    private CompletableFuture<Void> failed(TransportFailure failure, String detail) {
        return counted(CompletableFuture.failedFuture(new TransportException(failure, detail)));
    }

    private static TransportFailure failureOf(Throwable e) {
        Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return t instanceof TransportException ? ((TransportException) t).failure() : TransportFailure.WRITE_FAILED;
    }
}
