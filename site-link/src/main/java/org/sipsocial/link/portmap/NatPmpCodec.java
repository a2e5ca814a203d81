package org.sipsocial.link.portmap;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/**
 * NAT-PMP packets (RFC 6886 §3), pure functions over bytes: no socket here. Every number is in network byte order
 * (§3).
 *
 * <pre>
 * §3.2 external address request          §3.2 external address response
 *  0                   1                   0                   1                   2                   3
 * +---------------+---------------+      +---------------+---------------+-------------------------------+
 * | Vers = 0      | OP = 0        |      | Vers = 0      | OP = 128 + 0  | Result Code (net byte order)  |
 * +---------------+---------------+      +---------------+---------------+-------------------------------+
 *                                        | Seconds Since Start of Epoch (in network byte order)          |
 *                                        +---------------------------------------------------------------+
 *                                        | External IPv4 Address (a.b.c.d)                               |
 *                                        +---------------------------------------------------------------+
 *
 * §3.3 mapping request                   §3.3 mapping response
 * +---------------+---------------+-------------------------------+   (Vers, OP = 128 + x, Result Code,
 * | Vers = 0      | OP = x        | Reserved                      |    Seconds Since Start of Epoch,
 * +---------------+---------------+-------------------------------+    Internal Port, Mapped External Port,
 * | Internal Port                 | Suggested External Port       |    Port Mapping Lifetime in Seconds:
 * +-------------------------------+-------------------------------+    16 bytes)
 * | Requested Port Mapping Lifetime in Seconds                    |
 * +---------------------------------------------------------------+
 * </pre>
 */
public final class NatPmpCodec {
    /** §3: NAT-PMP has one version, 0. */
    public static final int VERSION = 0;
    /** §3.2: the external address request's opcode. */
    public static final int OP_EXTERNAL_ADDRESS = 0;
    /** §3: a response's opcode is the request's plus 128. */
    public static final int RESPONSE_BIT = 128;
    static final int EXTERNAL_ADDRESS_RESPONSE_LENGTH = 12;
    static final int MAPPING_REQUEST_LENGTH = 12;
    static final int MAPPING_RESPONSE_LENGTH = 16;

    private NatPmpCodec() {
    }

    /** §3.2: two bytes, version 0 and opcode 0. */
    public static byte[] externalAddressRequest() {
        return new byte[] {VERSION, OP_EXTERNAL_ADDRESS};
    }

    /**
     * §3.3: a request to map {@code internalPort}, suggesting {@code suggestedExternalPort}, for {@code lifetime}
     * seconds. §3.4: a lifetime of 0 (and a suggested port of 0) deletes the mapping.
     */
    public static byte[] mappingRequest(MappedProtocol protocol, int internalPort, int suggestedExternalPort, long lifetime) {
        checkPort("internal port", internalPort, 1);
        checkPort("suggested external port", suggestedExternalPort, 0);
        if (lifetime < 0 || lifetime > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("lifetime " + lifetime + " is not a 32-bit number of seconds");
        }
        return ByteBuffer.allocate(MAPPING_REQUEST_LENGTH)
                .put((byte) VERSION).put((byte) protocol.opcode())
                .putShort((short) 0)
                .putShort((short) internalPort).putShort((short) suggestedExternalPort)
                .putInt((int) lifetime)
                .array();
    }

    /** §3.4: the request that deletes the mapping of {@code internalPort}: lifetime 0, suggested port 0. */
    public static byte[] deletionRequest(MappedProtocol protocol, int internalPort) {
        return mappingRequest(protocol, internalPort, 0, 0);
    }

    /**
     * Reads a response. §3.5: a response whose result code is not SUCCESS may be shorter than its success form
     * (an "Unsupported Version" answer carries only the first 8 bytes); its other fields are then left empty.
     */
    public static NatPmpResponse decode(byte[] datagram, int length) {
        if (length < 8) {
            return new NatPmpResponse.Rejected("a NAT-PMP response has at least 8 bytes, not " + length);
        }
        ByteBuffer in = ByteBuffer.wrap(datagram, 0, length);
        int version = in.get() & 0xFF;
        int opcode = in.get() & 0xFF;
        NatPmpResult result = NatPmpResult.of(in.getShort() & 0xFFFF);
        long epoch = in.getInt() & 0xFFFF_FFFFL;
        if (version != VERSION) {
            return new NatPmpResponse.Rejected("version " + version + " is not NAT-PMP's 0");
        }
        if (opcode < RESPONSE_BIT) {
            return new NatPmpResponse.Rejected("opcode " + opcode + " is a request, not a response");
        }
        int request = opcode - RESPONSE_BIT;
        if (request == OP_EXTERNAL_ADDRESS) {
            if (result != NatPmpResult.SUCCESS) {
                return new NatPmpResponse.ExternalAddress(result, epoch, null);
            }
            if (length < EXTERNAL_ADDRESS_RESPONSE_LENGTH) {
                return new NatPmpResponse.Rejected("an external address response has 12 bytes, not " + length);
            }
            byte[] address = new byte[4];
            in.get(address);
            return new NatPmpResponse.ExternalAddress(result, epoch, ipv4(address));
        }
        MappedProtocol protocol = MappedProtocol.ofOpcode(request);
        if (protocol == null) {
            return new NatPmpResponse.Rejected("opcode " + opcode + " answers no request this client makes");
        }
        if (result != NatPmpResult.SUCCESS && length < MAPPING_RESPONSE_LENGTH) {
            return new NatPmpResponse.Mapping(protocol, result, epoch, 0, 0, 0);
        }
        if (length < MAPPING_RESPONSE_LENGTH) {
            return new NatPmpResponse.Rejected("a mapping response has 16 bytes, not " + length);
        }
        int internal = in.getShort() & 0xFFFF;
        int external = in.getShort() & 0xFFFF;
        long lifetime = in.getInt() & 0xFFFF_FFFFL;
        return new NatPmpResponse.Mapping(protocol, result, epoch, internal, external, lifetime);
    }

    private static Inet4Address ipv4(byte[] address) {
        try {
            return (Inet4Address) InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    private static void checkPort(String name, int port, int min) {
        if (port < min || port > 65535) {
            throw new IllegalArgumentException(name + " " + port + " is not between " + min + " and 65535");
        }
    }
}
