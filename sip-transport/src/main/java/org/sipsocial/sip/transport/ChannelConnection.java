package org.sipsocial.sip.transport;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLPeerUnverifiedException;

/** A {@link Connection} backed by a Netty channel; attached to the channel as {@link #KEY}. */
final class ChannelConnection implements Connection {
    static final AttributeKey<ChannelConnection> KEY = AttributeKey.valueOf(ChannelConnection.class, "connection");
    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final Transport transport;
    private final Channel channel;
    private final boolean outbound;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private final List<ConnectionTable.Key> keys = new CopyOnWriteArrayList<>();
    private volatile CloseReason closeReason;
    private volatile List<X509Certificate> peerCertificates;

    ChannelConnection(Transport transport, Channel channel, boolean outbound) {
        this.transport = transport;
        this.channel = channel;
        this.outbound = outbound;
        this.remote = (InetSocketAddress) channel.remoteAddress();
        this.local = (InetSocketAddress) channel.localAddress();
    }

    static ChannelConnection of(Channel channel) {
        return channel.attr(KEY).get();
    }

    Channel channel() {
        return channel;
    }

    List<ConnectionTable.Key> keys() {
        return keys;
    }

    /** Closes the connection, recording why (the first reason given wins). */
    void closeFor(CloseReason reason) {
        if (closeReason == null) closeReason = reason;
        channel.close();
    }

    /** Why it closed: the reason given to {@link #closeFor}, else the peer closed it. */
    CloseReason closeReason() {
        CloseReason r = closeReason;
        return r != null ? r : CloseReason.PEER;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public Transport transport() {
        return transport;
    }

    @Override
    public InetSocketAddress remote() {
        return remote;
    }

    @Override
    public InetSocketAddress local() {
        return local;
    }

    @Override
    public boolean outbound() {
        return outbound;
    }

    /** The chain from the TLS session (RFC 8446 §4.4.2), read once the handshake is done. */
    @Override
    public List<X509Certificate> peerCertificates() {
        List<X509Certificate> known = peerCertificates;
        if (known != null) return known;
        SslHandler ssl = channel.pipeline().get(SslHandler.class);
        if (ssl == null || !ssl.handshakeFuture().isSuccess()) return List.of();
        List<X509Certificate> chain = new ArrayList<>();
        try {
            for (Certificate c : ssl.engine().getSession().getPeerCertificates()) {
                if (c instanceof X509Certificate) chain.add((X509Certificate) c);
            }
        } catch (SSLPeerUnverifiedException noCertificate) {
            chain.clear();
        }
        known = List.copyOf(chain);
        peerCertificates = known;
        return known;
    }

    @Override
    public boolean isOpen() {
        return channel.isActive();
    }

    @Override
    public void close() {
        closeFor(CloseReason.LOCAL);
    }

    @Override
    public String toString() {
        return transport + " connection " + id + " " + (outbound ? "to " : "from ") + remote;
    }
}
