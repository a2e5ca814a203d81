package org.sipsocial.sip.message.sdp;

import org.sipsocial.sip.message.SipSyntaxException;

/**
 * {@code c=} line, RFC 8866 §5.7:
 * {@code connection-field = "c=" nettype SP addrtype SP connection-address}.
 */
public record Connection(String netType, String addressType, String address) {
    public static Connection ip4(String address) {
        return new Connection("IN", "IP4", address);
    }

    public static Connection ip6(String address) {
        return new Connection("IN", "IP6", address);
    }

    /** @throws SipSyntaxException when there are not three fields */
    public static Connection parse(String value) {
        String[] f = value.split(" ", -1);
        if (f.length != 3 || f[0].isEmpty() || f[1].isEmpty() || f[2].isEmpty()) {
            throw new SipSyntaxException("c= needs nettype addrtype address", 0);
        }
        return new Connection(f[0], f[1], f[2]);
    }

    @Override
    public String toString() {
        return netType + " " + addressType + " " + address;
    }
}
