package org.sipsocial.link;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.sipsocial.identity.SiteName;

/**
 * The other end of one {@link LinkConnection}: which site it is (known from the start on a dial of ours, from the
 * handshake's verdict on a connection we answered), where it is ({@code host:port}, or the relaying site of a link
 * relayed through another site, issue 15), and the certificate it presented on the link's own TLS. On the link
 * thread.
 */
final class LinkPeer {
    private final RemoteSite dialled;
    private RemoteSite site;
    private Channel channel;
    private SslHandler tls;
    private String remoteText = "";
    /** The relaying site that carries this link (issue 15), or null for a direct link. */
    private SiteName through;

    /** {@code dialled}: the site we dial, or null for a connection we answer. */
    LinkPeer(RemoteSite dialled) {
        this.dialled = dialled;
        this.site = dialled;
    }

    /** The site we dialled, or null when we answered the connection. */
    RemoteSite dialled() {
        return dialled;
    }

    /** True when this connection is a dial of ours, from the link port (crossed with the other site's or not). */
    boolean ourDial() {
        return dialled != null;
    }

    /** The site at the other end, once known (dialling: from the start; answering: after the handshake). */
    RemoteSite site() {
        return site;
    }

    /** The handshake's verdict named the site at the other end. */
    void identified(RemoteSite verdictSite) {
        this.site = verdictSite;
    }

    /** The connection's channel, once its handler is added. */
    void attach(Channel connection) {
        this.channel = connection;
    }

    /** The connection is up, its other end at {@code remote}. */
    void connected(InetSocketAddress remote) {
        remoteText = LinkMessages.hostPort(remote);
    }

    /** The link's own TLS (the inner one of a relayed link). */
    void tls(SslHandler handler) {
        this.tls = handler;
    }

    /**
     * This connection carries a link relayed through {@code relay} (issue 15): its TLS runs inside the relayed
     * connection, and the address the other side sees is the relay's, so it reports none.
     */
    void relayedThrough(SiteName relay) {
        this.through = relay;
        this.remoteText = "through " + relay;
    }

    /** The relaying site of a relayed link, or null for a direct one. */
    SiteName through() {
        return through;
    }

    /** The other end's {@code host:port}, or empty before the connection is up. */
    String remote() {
        return remoteText;
    }

    /** The certificate the peer presented on this link's own TLS (the inner one of a relayed link), or {@code null}. */
    X509Certificate certificate() {
        try {
            Certificate[] chain = tls.engine().getSession().getPeerCertificates();
            return chain.length == 0 ? null : (X509Certificate) chain[0];
        } catch (SSLPeerUnverifiedException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The other end's address, or null before the connection is up, and for a relayed link (issue 15), whose
     * other end is the relay, not the far site.
     */
    InetAddress address() {
        if (through != null) return null;
        SocketAddress address = channel == null ? null : channel.remoteAddress();
        return address instanceof InetSocketAddress ? ((InetSocketAddress) address).getAddress() : null;
    }
}
