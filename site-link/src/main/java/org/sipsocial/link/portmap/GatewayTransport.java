package org.sipsocial.link.portmap;

import java.net.Inet4Address;

/**
 * Where a {@link PortMapper} sends its requests: the gateway's port for PCP and NAT-PMP alike (RFC 6887 §19.1 and
 * RFC 6886 §3: UDP 5351). Responses come back through {@link PortMapper#received}, on whatever thread the transport
 * reads on.
 */
public interface GatewayTransport extends AutoCloseable {
    /** The address requests leave from: PCP's "PCP Client's IP Address" (RFC 6887 §8.1). */
    Inet4Address localAddress();

    /** Sends one request datagram; a failure to send counts as a request that got no answer. */
    void send(byte[] request);

    @Override
    void close();
}
