package org.sipsocial.sip.transport;

import io.netty.util.NetUtil;
import java.net.InetAddress;

/**
 * IP address literals as SIP writes them (RFC 3261 §25.1: {@code IPv4address}, and
 * {@code IPv6reference = "[" IPv6address "]"} in a host; RFC 5118 §4.5) read and written without
 * any name lookup.
 */
final class IpLiteral {
    private IpLiteral() {
    }

    /** The address a host literal names, or {@code null} when it is a domain name (or malformed). */
    static InetAddress parse(String host) {
        if (host == null || host.isEmpty()) return null;
        String bare = host.charAt(0) == '[' && host.charAt(host.length() - 1) == ']'
                ? host.substring(1, host.length() - 1) : host;
        return NetUtil.createInetAddressFromIpAddressString(bare);
    }

    /**
     * The text of a {@code received} parameter (RFC 3261 §18.2.1: {@code IPv4address / IPv6address},
     * without brackets; RFC 5952 canonical form for IPv6).
     */
    static String received(InetAddress address) {
        return NetUtil.toAddressString(address);
    }
}
