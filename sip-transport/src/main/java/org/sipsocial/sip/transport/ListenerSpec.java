package org.sipsocial.sip.transport;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One address to listen on (RFC 3261 §18: a server listens on UDP and TCP, and on TLS when it
 * offers it). Port 0 picks a free port; {@link SipTransport#listeners()} reports the bound one.
 *
 * @param transport  UDP, TCP or TLS
 * @param address    an IPv4 or IPv6 address and port
 * @param clientAuth for TLS: whether the peer must present a certificate; {@link ClientAuth#NONE} otherwise
 */
public record ListenerSpec(Transport transport, InetSocketAddress address, ClientAuth clientAuth) {
    public ListenerSpec {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(clientAuth, "clientAuth");
        if (address.isUnresolved()) throw new IllegalArgumentException("listen address is unresolved: " + address);
        if (transport != Transport.TLS && clientAuth != ClientAuth.NONE) {
            throw new IllegalArgumentException("clientAuth applies to TLS only, not " + transport);
        }
    }

    public static ListenerSpec of(Transport transport, InetSocketAddress address) {
        return new ListenerSpec(transport, address, ClientAuth.NONE);
    }
}
