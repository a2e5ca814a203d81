package org.sipsocial.link.portmap;

import java.net.Inet4Address;

/** A decoded PCP response (RFC 6887 §7.2, §11.1), or why a datagram is not one this client can use. */
public sealed interface PcpResponse {
    /**
     * §11.1, the answer to MAP. On an error (§7.2) only the result, lifetime and epoch are read; the rest is null.
     *
     * @param lifetime on success the granted lifetime; on an error, how long the error is expected to last
     * @param external the assigned external IPv4 address (null when not IPv4-mapped)
     */
    record Map(PcpResult result, long lifetime, long epoch, byte[] nonce, MappedProtocol protocol, int internalPort,
            int externalPort, Inet4Address external) implements PcpResponse {
    }

    /**
     * §14.1.3, an ANNOUNCE response: the answer to an ANNOUNCE request, or sent unasked by a server that restarted or
     * lost its state (to 224.0.0.1:5350, or to a client it knows), whose Epoch Time tells the client so (§8.5).
     */
    record Announce(PcpResult result, long epoch) implements PcpResponse {
    }

    record Rejected(String reason) implements PcpResponse {
    }
}
