package org.sipsocial.link.portmap;

/**
 * One request of a {@link PortMapper}'s round: its bytes, its dialect, and what it maps ({@code protocol} null:
 * NAT-PMP's request for the external address, RFC 6886 §3.2).
 */
record MappingRequest(byte[] bytes, Dialect dialect, MappedProtocol protocol) {
    /** RFC 6886 §3.2, §3.3: the opcode of the NAT-PMP response that answers this request, 128 plus its own. */
    int natPmpResponseOpcode() {
        return NatPmpCodec.RESPONSE_BIT + (protocol == null ? NatPmpCodec.OP_EXTERNAL_ADDRESS : protocol.opcode());
    }
}
