package org.sipsocial.link.portmap;

import java.net.Inet4Address;

/** A decoded NAT-PMP response (RFC 6886 §3.2 and §3.3), or why a datagram is not one. */
public sealed interface NatPmpResponse {
    /** The response's opcode: 128 plus the request's. */
    int opcode();

    /**
     * §3.2, the answer to opcode 0.
     *
     * @param epoch    "Seconds Since Start of Epoch" (§3.6), the gateway's clock since its mappings were last lost
     * @param external the gateway's external IPv4 address (undefined unless {@code result} is SUCCESS; null then)
     */
    record ExternalAddress(NatPmpResult result, long epoch, Inet4Address external) implements NatPmpResponse {
        @Override
        public int opcode() {
            return NatPmpCodec.RESPONSE_BIT;
        }
    }

    /**
     * §3.3, the answer to opcodes 1 and 2.
     *
     * @param lifetime "Port Mapping Lifetime in Seconds" as granted (may be shorter than asked)
     */
    record Mapping(MappedProtocol protocol, NatPmpResult result, long epoch, int internalPort, int externalPort,
            long lifetime) implements NatPmpResponse {
        @Override
        public int opcode() {
            return NatPmpCodec.RESPONSE_BIT + protocol.opcode();
        }
    }

    /** A datagram that is not a NAT-PMP response this client can use: too short, another version, a request. */
    record Rejected(String reason) implements NatPmpResponse {
        @Override
        public int opcode() {
            return -1;
        }
    }
}
