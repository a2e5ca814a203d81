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

    record Rejected(String reason) implements PcpResponse {
    }
}
