package org.sipsocial.link.portmap;

/**
 * Where a {@link PortMapper} sends its requests: the gateway's NAT-PMP port (RFC 6886 §3: UDP 5351). Responses
 * come back through {@link PortMapper#received}, on whatever thread the transport reads on.
 */
public interface NatPmpTransport extends AutoCloseable {
    /** Sends one request datagram; a failure to send counts as a request that got no answer. */
    void send(byte[] request);

    @Override
    void close();
}
