package org.sipsocial.sip.transport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.sipsocial.sip.message.header.Via;

/**
 * Where a response goes according to its top Via (RFC 3261 §18.2.2, RFC 3581 §4).
 *
 * <ul>
 * <li>Unreliable transport: to the {@code received} address (else the sent-by host), at the
 *     {@code rport} port when it has a value (RFC 3581 §4), else the sent-by port, else the
 *     transport's default port (RFC 3261 §18.2.2).</li>
 * <li>Reliable transport: over the connection the request came on while it is open; that
 *     connection's remote address is {@link #source}. When it has closed, a new connection goes to
 *     {@link #reconnect}: the {@code received} address and the sent-by port (§18.2.2).</li>
 * </ul>
 *
 * The {@code maddr} parameter (multicast responses) is deliberately not honoured: a response goes
 * only where the request came from.
 */
final class ResponseTarget {
    private ResponseTarget() {
    }

    /** The request's source as recorded in the Via: {@code received}/host and {@code rport}/sent-by port. */
    static InetSocketAddress source(Via via, Transport transport) {
        int port = via.rport() > 0 ? via.rport() : sentByPort(via, transport);
        return address(host(via), port);
    }

    /** Where to open a new connection when the request's has closed (RFC 3261 §18.2.2). */
    static InetSocketAddress reconnect(Via via, Transport transport) {
        return address(host(via), sentByPort(via, transport));
    }

    private static String host(Via via) {
        return via.received() != null ? via.received() : via.host();
    }

    private static int sentByPort(Via via, Transport transport) {
        return via.port() > 0 ? via.port() : transport.defaultPort();
    }

    /** A resolved address for an IP literal; an unresolved one for a domain name (RFC 3263 §5 applies). */
    private static InetSocketAddress address(String host, int port) {
        InetAddress literal = IpLiteral.parse(host);
        return literal != null ? new InetSocketAddress(literal, port) : InetSocketAddress.createUnresolved(host, port);
    }
}
