package org.sipsocial.sip.transport;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * One open TCP or TLS connection, as the layer above sees it (no Netty types): who is at the
 * other end, and for TLS which certificate chain the peer presented (RFC 5922 §7.2: the layer
 * above decides whether it trusts it; site links pin it).
 */
public interface Connection {
    /** A number unique within the process, for logs and for matching messages to a flow (RFC 5626 §3). */
    long id();

    Transport transport();

    InetSocketAddress remote();

    InetSocketAddress local();

    /** True when we opened the connection; false when the peer did. */
    boolean outbound();

    /** The peer's certificate chain, leaf first; empty for TCP or when the peer sent none. */
    List<X509Certificate> peerCertificates();

    boolean isOpen();

    /** Closes the connection; messages still queued may be lost. */
    void close();
}
