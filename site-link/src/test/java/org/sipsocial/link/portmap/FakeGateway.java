package org.sipsocial.link.portmap;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A router's PCP and NAT-PMP server as the tests need one, answering as RFC 6887 §7.2/§11.1 and RFC 6886 §3.2/§3.3
 * lay out the responses: it grants every mapping the port suggested (or the internal port) for
 * {@link #grantedLifetime} seconds, unless told to stay silent or to answer with a result code. Without
 * {@link #speaksPcp} it is a NAT-PMP server, which answers a PCP request with version 0 and result 1, "Unsupported
 * Version" (RFC 6887 §9). With {@link #udpPortTaken}, it grants UDP mappings another external port
 * ({@link #otherUdpPort}), as a router whose suggested port is taken does. It keeps every request it was sent, and
 * the mappings it holds ({@link #mappings}).
 *
 * <p>Given a clock, its epoch counts the seconds since it (re)started, as RFC 6887 §8.5 and RFC 6886 §3.6 have a
 * server do; {@link #restart()} loses every mapping and starts the epoch from 0 again, as a rebooted router does,
 * and {@link #pcpAnnounce()} and {@link #natPmpAnnounce()} are what it then multicasts (RFC 6887 §14.1.3, RFC 6886
 * §3.2.1). Without a clock its epoch stays where it is set.
 */
final class FakeGateway {
    final List<byte[]> requests = new ArrayList<>();
    /** What it maps now, each as {@code tcp 5070 -> 5070}. */
    final java.util.Set<String> mappings = new java.util.TreeSet<>();
    /** Restarts when this many requests have come, before answering the last (0: never). */
    int restartAtRequest;
    private final java.time.Clock clock;
    private java.time.Instant epochStart;
    boolean speaksPcp = true;
    long grantedLifetime = 7200;
    int silentFor;
    int result;
    long epoch = 1000;
    byte[] external = {11, (byte) 250, 42, 12};
    boolean udpPortTaken;
    int otherUdpPort = 40001;

    FakeGateway() {
        this(null);
    }

    FakeGateway(java.time.Clock clock) {
        this.clock = clock;
        this.epochStart = clock == null ? null : clock.instant();
    }

    /** A reboot: every mapping gone, the epoch from 0 again (RFC 6887 §8.5, RFC 6886 §3.6). */
    void restart() {
        mappings.clear();
        epoch = 0;
        epochStart = clock == null ? null : clock.instant();
    }

    /** The epoch an answer sent now carries. */
    long epochNow() {
        return clock == null ? epoch : epoch + java.time.Duration.between(epochStart, clock.instant()).toSeconds();
    }

    /** RFC 6887 §14.1.3: the unsolicited ANNOUNCE response, the header alone. */
    byte[] pcpAnnounce() {
        return ByteBuffer.allocate(24).put((byte) 2).put((byte) 0x80).put((byte) 0).put((byte) 0)
                .putInt(0).putInt((int) epochNow()).put(new byte[12]).array();
    }

    /** RFC 6886 §3.2.1: the external address response, sent unasked. */
    byte[] natPmpAnnounce() {
        return ByteBuffer.allocate(12).put((byte) 0).put((byte) 128).putShort((short) 0).putInt((int) epochNow())
                .put(external).array();
    }

    /** The answer to {@code request}, or null when the gateway stays silent. */
    byte[] answer(byte[] request) {
        requests.add(request);
        if (requests.size() == restartAtRequest) {
            restart();
        }
        if (silentFor > 0) {
            silentFor--;
            return null;
        }
        if (request[0] == PcpCodec.VERSION) {
            return speaksPcp ? pcp(request) : ByteBuffer.allocate(8).put((byte) 0).put((byte) (128 + request[1]))
                    .putShort((short) NatPmpResult.UNSUPPORTED_VERSION.code()).putInt((int) epochNow()).array();
        }
        ByteBuffer in = ByteBuffer.wrap(request);
        in.get();
        int opcode = in.get() & 0xFF;
        ByteBuffer out = ByteBuffer.allocate(opcode == 0 ? 12 : 16);
        out.put((byte) 0).put((byte) (128 + opcode)).putShort((short) result).putInt((int) epochNow());
        if (opcode == 0) {
            out.put(external);
        } else {
            in.getShort();
            int internal = in.getShort() & 0xFFFF;
            int suggested = in.getShort() & 0xFFFF;
            long asked = in.getInt() & 0xFFFF_FFFFL;
            int port = granted(opcode == 1, internal, suggested);
            held(opcode == 1 ? "udp" : "tcp", internal, port, asked);
            out.putShort((short) internal).putShort((short) port).putInt((int) Math.min(asked, grantedLifetime));
        }
        return out.array();
    }

    /** The external port granted for a UDP or TCP mapping of {@code internal}, {@code suggested} asked. */
    private int granted(boolean udp, int internal, int suggested) {
        if (udp && udpPortTaken && suggested != otherUdpPort) {
            return otherUdpPort;
        }
        return suggested == 0 ? internal : suggested;
    }

    private byte[] pcp(byte[] request) {
        ByteBuffer in = ByteBuffer.wrap(request);
        in.position(4);
        long asked = in.getInt() & 0xFFFF_FFFFL;
        in.position(24);
        byte[] nonce = new byte[12];
        in.get(nonce);
        byte protocol = in.get();
        in.position(in.position() + 3);
        int internal = in.getShort() & 0xFFFF;
        int suggested = in.getShort() & 0xFFFF;
        int port = granted(protocol == 17, internal, suggested);
        held(protocol == 17 ? "udp" : "tcp", internal, port, asked);
        return ByteBuffer.allocate(60).put((byte) 2).put((byte) 0x81).put((byte) 0).put((byte) result)
                .putInt((int) Math.min(asked, grantedLifetime)).putInt((int) epochNow()).put(new byte[12])
                .put(nonce).put(protocol).put(new byte[3])
                .putShort((short) internal).putShort((short) port)
                .put(new byte[10]).put((byte) 0xFF).put((byte) 0xFF).put(external)
                .array();
    }

    private void held(String protocol, int internal, int external, long lifetime) {
        if (result != 0) {
            return;
        }
        mappings.removeIf(mapping -> mapping.startsWith(protocol + " " + internal + " "));
        if (lifetime != 0) {
            mappings.add(protocol + " " + internal + " -> " + external);
        }
    }

    /** The requests so far, each named: {@code pcp tcp 7200}, {@code nat-pmp address}, {@code nat-pmp udp 0}, ... */
    List<String> seen() {
        return requests.stream().map(FakeGateway::name).toList();
    }

    /** The external port {@code request} suggests (RFC 6887 §11.1, RFC 6886 §3.3). */
    static int suggestedPort(byte[] request) {
        ByteBuffer in = ByteBuffer.wrap(request);
        return (request[0] == PcpCodec.VERSION ? in.getShort(42) : in.getShort(6)) & 0xFFFF;
    }

    private static String name(byte[] r) {
        ByteBuffer in = ByteBuffer.wrap(r);
        if (r[0] == PcpCodec.VERSION) {
            return "pcp " + (r[36] == 6 ? "tcp" : "udp") + " " + (in.getInt(4) & 0xFFFF_FFFFL);
        }
        if (r[1] == 0) {
            return "nat-pmp address";
        }
        return "nat-pmp " + (r[1] == 2 ? "tcp" : "udp") + " " + (in.getInt(8) & 0xFFFF_FFFFL);
    }
}
