package org.sipsocial.link.portmap;

/**
 * The two transports a NAT-PMP mapping is for, with the request opcode RFC 6886 §3.3 gives each: 1 for UDP, 2 for
 * TCP; the response's opcode is the request's plus 128.
 */
public enum MappedProtocol {
    /** The link port; listed first, so a round maps it first. */
    TCP(2),
    UDP(1);

    private final int opcode;

    MappedProtocol(int opcode) {
        this.opcode = opcode;
    }

    public int opcode() {
        return opcode;
    }

    static MappedProtocol ofOpcode(int opcode) {
        for (MappedProtocol protocol : values()) {
            if (protocol.opcode == opcode) {
                return protocol;
            }
        }
        return null;
    }
}
