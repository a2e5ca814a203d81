package org.sipsocial.routing.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.sipsocial.sip.message.uri.SipUri;
import org.sipsocial.sip.message.uri.Uri;
import org.sipsocial.sip.transaction.Hop;

/**
 * Where a URI leads on the wire (RFC 3263 §4 reduced to what a private site needs): a SIP URI whose host is an
 * IP address, with its port (default 5060, or 5061 for sips), over the transport its {@code transport}
 * parameter names (UDP by default, TLS for sips). A site never looks names up in the DNS: phones register
 * addresses, and other sites are reached over their links.
 */
public final class NextHop {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private NextHop() {
    }

    public static Optional<Hop> of(Uri uri) {
        if (!(uri instanceof SipUri)) {
            return Optional.empty();
        }
        SipUri sip = (SipUri) uri;
        String host = sip.host();
        boolean v6 = host.startsWith("[") && host.endsWith("]");
        if (!v6 && !IPV4.matcher(host).matches()) {
            return Optional.empty();
        }
        InetAddress address;
        try {
            // A literal address: no name is looked up.
            address = InetAddress.getByName(v6 ? host.substring(1, host.length() - 1) : host);
        } catch (java.net.UnknownHostException e) {
            return Optional.empty();
        }
        String transport = sip.isSecure() ? Hop.TLS
                : sip.transport() == null ? Hop.UDP : sip.transport().toUpperCase(Locale.ROOT);
        int port = sip.port() > 0 ? sip.port() : transport.equals(Hop.TLS) ? 5061 : 5060;
        return Optional.of(Hop.of(transport, new InetSocketAddress(address, port)));
    }
}
