package org.sipsocial.sip.transaction;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Objects;

/**
 * One end of a hop on the wire: the transport and the socket address a request goes to, or a
 * message came from. Reliable transports (TCP, TLS, SCTP, WS, WSS) change the timers of RFC 3261
 * §17: no retransmissions, and Timers D, I, J, K are zero.
 *
 * @param transport the Via transport token in upper case: {@code UDP}, {@code TCP}, {@code TLS}, ...
 * @param address   the remote socket address
 * @param reliable  whether the transport is reliable (RFC 3261 §18)
 */
public record Hop(String transport, InetSocketAddress address, boolean reliable) {
    public static final String UDP = "UDP";
    public static final String TCP = "TCP";
    public static final String TLS = "TLS";
    /**
     * Not a Via transport but the link with another site (mutual TLS, RFC 5923 reuse): a hop of this transport
     * names the site in its unresolved address, and what is sent on it goes over that site's link.
     */
    public static final String LINK = "LINK";

    public Hop {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
        transport = transport.toUpperCase(Locale.ROOT);
    }

    /** A hop whose reliability follows from the transport: every transport but UDP (and DTLS) is reliable. */
    public static Hop of(String transport, InetSocketAddress address) {
        String t = transport.toUpperCase(Locale.ROOT);
        return new Hop(t, address, !(t.equals(UDP) || t.equals("DTLS-UDP")));
    }

    /** The link with {@code site}: reliable, and reached by name, never by an address. */
    public static Hop link(String site) {
        return new Hop(LINK, InetSocketAddress.createUnresolved(site, 0), true);
    }

    /** Whether this hop is the link with another site (see {@link #LINK}). */
    public boolean isLink() {
        return transport.equals(LINK);
    }

    /** The site at the other end of a link hop. */
    public String linkSite() {
        if (!isLink()) throw new IllegalStateException("not a link: " + this);
        return address.getHostString();
    }

    public static Hop udp(InetSocketAddress address) {
        return of(UDP, address);
    }

    public static Hop tcp(InetSocketAddress address) {
        return of(TCP, address);
    }

    public static Hop tls(InetSocketAddress address) {
        return of(TLS, address);
    }

    @Override
    public String toString() {
        if (isLink()) return "link to " + linkSite();
        return transport + ":" + address.getHostString() + ":" + address.getPort();
    }
}
