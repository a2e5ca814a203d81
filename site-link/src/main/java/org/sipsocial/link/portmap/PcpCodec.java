package org.sipsocial.link.portmap;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * PCP MAP packets (RFC 6887 §7 and §11.1), pure functions over bytes: no socket here. IPv4 addresses travel as
 * IPv4-mapped IPv6 addresses, ::ffff:a.b.c.d (§5).
 *
 * <pre>
 * §7.1 request header (24 bytes)                      §7.2 response header (24 bytes)
 * | Version = 2 |R=0| Opcode | Reserved (16)  |      | Version = 2 |R=1| Opcode | Reserved | Result Code |
 * | Requested Lifetime (32)                    |      | Lifetime (32)                                      |
 * | PCP Client's IP Address (128)              |      | Epoch Time (32)                                    |
 *                                                     | Reserved (96)                                      |
 * §11.1 MAP opcode data (36 bytes, request and response alike)
 * | Mapping Nonce (96)                                                       |
 * | Protocol (8) | Reserved (24)                                             |
 * | Internal Port (16) | Suggested / Assigned External Port (16)             |
 * | Suggested / Assigned External IP Address (128)                           |
 * </pre>
 */
public final class PcpCodec {
    /** §9: this document's version. */
    public static final int VERSION = 2;
    /** §19.2: the ANNOUNCE opcode (§14.1.3). */
    public static final int OP_ANNOUNCE = 0;
    /** §19.2: the MAP opcode. */
    public static final int OP_MAP = 1;
    /** §7.1: the R bit, set in responses. */
    public static final int RESPONSE_BIT = 0x80;
    public static final int NONCE_LENGTH = 12;
    static final int MAP_LENGTH = 60;
    /** §7.2: a response header, all an ANNOUNCE response carries (§14.1.3). */
    static final int HEADER_LENGTH = 24;
    /** IANA protocol numbers, as §11.1's Protocol field takes them. */
    static final int PROTOCOL_TCP = 6;
    static final int PROTOCOL_UDP = 17;

    private PcpCodec() {
    }

    /**
     * §11.1: a MAP request from {@code client} (the address the request leaves from, §8.1) for {@code internalPort},
     * suggesting {@code suggestedPort} on any external address (§11.1: the IPv4-mapped 0.0.0.0), for
     * {@code lifetime} seconds; §15: lifetime 0 with the same nonce deletes the mapping.
     */
    public static byte[] mapRequest(byte[] nonce, MappedProtocol protocol, int internalPort, int suggestedPort, long lifetime,
            Inet4Address client) {
        if (nonce.length != NONCE_LENGTH) {
            throw new IllegalArgumentException("a mapping nonce has 96 bits, not " + nonce.length * 8);
        }
        if (lifetime < 0 || lifetime > 0xFFFF_FFFFL || internalPort < 1 || internalPort > 65535 || suggestedPort < 0
                || suggestedPort > 65535) {
            throw new IllegalArgumentException("port " + internalPort + ", suggested " + suggestedPort + ", lifetime "
                    + lifetime + " out of bounds");
        }
        return ByteBuffer.allocate(MAP_LENGTH)
                .put((byte) VERSION).put((byte) OP_MAP).putShort((short) 0)
                .putInt((int) lifetime)
                .put(mapped(client.getAddress()))
                .put(nonce)
                .put((byte) number(protocol)).put(new byte[3])
                .putShort((short) internalPort).putShort((short) suggestedPort)
                .put(mapped(new byte[4]))
                .array();
    }

    /**
     * Reads a PCP response; a datagram that is neither a MAP response for TCP or UDP nor an ANNOUNCE response
     * (§14.1.3: the header alone, its Epoch Time what counts) is {@link PcpResponse.Rejected}.
     */
    public static PcpResponse decode(byte[] datagram, int length) {
        if (length < 4) {
            return new PcpResponse.Rejected("a PCP response has at least 24 bytes, not " + length);
        }
        ByteBuffer in = ByteBuffer.wrap(datagram, 0, length);
        int version = in.get() & 0xFF;
        int opcode = in.get() & 0xFF;
        in.get();
        PcpResult result = PcpResult.of(in.get() & 0xFF);
        if (version != VERSION) {
            return new PcpResponse.Rejected("version " + version + " is not PCP's 2");
        }
        if ((opcode & RESPONSE_BIT) == 0) {
            return new PcpResponse.Rejected("a request (R bit clear), not a response");
        }
        if ((opcode & ~RESPONSE_BIT) == OP_ANNOUNCE) {
            if (length < HEADER_LENGTH) {
                return new PcpResponse.Rejected("an ANNOUNCE response has 24 bytes, not " + length);
            }
            in.getInt(); // §14.1.3: the lifetime of an ANNOUNCE is 0 and means nothing
            return new PcpResponse.Announce(result, in.getInt() & 0xFFFF_FFFFL);
        }
        if ((opcode & ~RESPONSE_BIT) != OP_MAP) {
            return new PcpResponse.Rejected("opcode " + (opcode & ~RESPONSE_BIT) + " is not MAP");
        }
        if (length < MAP_LENGTH) {
            // §7.2: an error response may carry the header alone.
            return result == PcpResult.SUCCESS || length < 24
                    ? new PcpResponse.Rejected("a MAP response has 60 bytes, not " + length)
                    : new PcpResponse.Map(result, in.getInt() & 0xFFFF_FFFFL, in.getInt() & 0xFFFF_FFFFL, null, null, 0, 0, null);
        }
        long lifetime = in.getInt() & 0xFFFF_FFFFL;
        long epoch = in.getInt() & 0xFFFF_FFFFL;
        in.position(24);
        byte[] nonce = new byte[NONCE_LENGTH];
        in.get(nonce);
        MappedProtocol protocol = protocolOf(in.get() & 0xFF);
        in.position(in.position() + 3);
        int internal = in.getShort() & 0xFFFF;
        int external = in.getShort() & 0xFFFF;
        byte[] address = new byte[16];
        in.get(address);
        if (protocol == null) {
            return new PcpResponse.Rejected("the mapping is for neither TCP nor UDP");
        }
        return new PcpResponse.Map(result, lifetime, epoch, nonce, protocol, internal, external, ipv4(address));
    }

    static int number(MappedProtocol protocol) {
        return protocol == MappedProtocol.TCP ? PROTOCOL_TCP : PROTOCOL_UDP;
    }

    private static MappedProtocol protocolOf(int number) {
        return number == PROTOCOL_TCP ? MappedProtocol.TCP : number == PROTOCOL_UDP ? MappedProtocol.UDP : null;
    }

    /** §5: ::ffff:a.b.c.d. */
    private static byte[] mapped(byte[] ipv4) {
        byte[] address = new byte[16];
        address[10] = (byte) 0xFF;
        address[11] = (byte) 0xFF;
        System.arraycopy(ipv4, 0, address, 12, 4);
        return address;
    }

    /** The IPv4 address inside an IPv4-mapped one, or null for a true IPv6 address (this client maps IPv4 only). */
    private static Inet4Address ipv4(byte[] address) {
        byte[] prefix = mapped(new byte[4]);
        if (!Arrays.equals(address, 0, 12, prefix, 0, 12)) {
            return null;
        }
        try {
            return (Inet4Address) InetAddress.getByAddress(Arrays.copyOfRange(address, 12, 16));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

}
