package org.sipsocial.sip.message.sdp;

import org.sipsocial.sip.message.SipSyntaxException;

/**
 * {@code a=rtcp:<port> [nettype addrtype connection-address]}, RFC 3605 §2.1;
 * {@code connection} is {@code null} when only the port is given.
 */
public record Rtcp(int port, Connection connection) {
    /** @throws SipSyntaxException when malformed */
    public static Rtcp parse(String value) {
        int sp = value.indexOf(' ');
        int port = Rtpmap.number(sp < 0 ? value : value.substring(0, sp), 65535);
        return new Rtcp(port, sp < 0 ? null : Connection.parse(value.substring(sp + 1)));
    }

    @Override
    public String toString() {
        return connection == null ? Integer.toString(port) : port + " " + connection;
    }
}
