package org.sipsocial.testkit.netlab;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.sipsocial.testkit.ExternalTool;

/**
 * The IPv4 TCP and UDP packets of a pcap file (a {@link PacketCapture}'s) as tshark (Debian package {@code tshark})
 * reads them, with their payloads; and the TCP connections whose opening SYN was captured, each direction's payload
 * put back in sequence order (RFC 9293 §3.4), so that a test can check what a connection carried from its first byte.
 * tshark only reads the file and names the fields: what the bytes mean is for the test to say.
 */
public final class CapturedPackets {
    /** One captured IPv4 packet of {@code protocol} "tcp" or "udp"; {@code sequence} and {@code stream} are tshark's, TCP only. */
    public record Packet(String protocol, String source, int sourcePort, String destination, int destinationPort,
                         int stream, long sequence, boolean opening, byte[] payload) {
        /** Whether it went between {@code a} and {@code b}, either way. */
        public boolean between(String a, String b) {
            return source.equals(a) && destination.equals(b) || source.equals(b) && destination.equals(a);
        }
    }

    /** One direction of one TCP connection, and the bytes it carried, in order, up to the first byte not captured. */
    public record Direction(int stream, String source, int sourcePort, String destination, int destinationPort,
                            byte[] bytes) {
        @Override
        public String toString() {
            return "TCP stream " + stream + " " + source + ":" + sourcePort + " -> " + destination + ":" + destinationPort
                    + " (" + bytes.length + " bytes)";
        }
    }

    private static final long READ_LIMIT_SECONDS = 60;
    private static final String[] FIELDS = {"ip.proto", "ip.src", "ip.dst", "tcp.srcport", "tcp.dstport", "tcp.stream",
            "tcp.seq", "tcp.flags.syn", "tcp.flags.ack", "tcp.payload", "udp.srcport", "udp.dstport", "udp.payload"};
    private static final int TCP = 6;
    private static final int UDP = 17;

    private final List<Packet> packets;

    private CapturedPackets(List<Packet> packets) {
        this.packets = packets;
    }

    /** Reads {@code pcap} with tshark; throws if tshark fails. */
    public static CapturedPackets read(Path pcap) {
        List<String> command = new ArrayList<>(List.of(ExternalTool.require("tshark", "tshark").toString(), "-r",
                pcap.toString(), "-n", "-T", "fields", "-E", "separator=|", "-E", "occurrence=f",
                // Raw segments, each with its own payload: no dissector above TCP or UDP takes them over.
                "-o", "tcp.desegment_tcp_streams:FALSE", "-o", "tcp.analyze_sequence_numbers:TRUE"));
        for (String field : FIELDS) {
            command.add("-e");
            command.add(field);
        }
        try {
            Process tshark = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(tshark.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            if (!tshark.waitFor(READ_LIMIT_SECONDS, TimeUnit.SECONDS) || tshark.exitValue() != 0) {
                throw new IllegalStateException("tshark could not read " + pcap + ": " + String.join(" ", command));
            }
            List<Packet> packets = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (!line.isBlank()) parse(line.split("\\|", -1)).ifPresent(packets::add);
            }
            return new CapturedPackets(List.copyOf(packets));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Optional<Packet> parse(String[] f) {
        if (f[0].isEmpty()) return Optional.empty();
        int protocol = Integer.parseInt(f[0]);
        if (protocol == TCP && !f[3].isEmpty()) {
            boolean opening = "1".equals(f[7]) && "0".equals(f[8]);
            return Optional.of(new Packet("tcp", f[1], Integer.parseInt(f[3]), f[2], Integer.parseInt(f[4]),
                    Integer.parseInt(f[5]), Long.parseLong(f[6]), opening, hex(f[9])));
        }
        if (protocol == UDP && !f[10].isEmpty()) {
            return Optional.of(new Packet("udp", f[1], Integer.parseInt(f[10]), f[2], Integer.parseInt(f[11]),
                    -1, -1, false, hex(f[12])));
        }
        return Optional.empty();
    }

    private static byte[] hex(String field) {
        return HexFormat.of().parseHex(field.replace(":", ""));
    }

    public List<Packet> packets() {
        return packets;
    }

    /** How many payload bytes of {@code protocol} went between {@code a} and {@code b}, either way. */
    public long payloadBytesBetween(String protocol, String a, String b) {
        return packets.stream().filter(p -> p.protocol().equals(protocol) && p.between(a, b))
                .mapToLong(p -> p.payload().length).sum();
    }

    /**
     * Each direction of every TCP connection whose SYN (without ACK) was captured: the payload from the first byte
     * after the SYN, in sequence order, a retransmitted byte counted once, up to the first gap (a byte the capture
     * does not hold). Connections opened before the capture began are left out: their first bytes are not here.
     */
    public List<Direction> tcpConnectionsFromTheirStart() {
        Map<Integer, Packet> syns = new LinkedHashMap<>();
        for (Packet p : packets) {
            if (p.protocol().equals("tcp") && p.opening()) syns.putIfAbsent(p.stream(), p);
        }
        List<Direction> directions = new ArrayList<>();
        for (Packet syn : syns.values()) {
            directions.add(direction(syn.stream(), syn.source(), syn.sourcePort(), syn.destination(), syn.destinationPort()));
            directions.add(direction(syn.stream(), syn.destination(), syn.destinationPort(), syn.source(), syn.sourcePort()));
        }
        return directions;
    }

    private Direction direction(int stream, String source, int sourcePort, String destination, int destinationPort) {
        List<Packet> segments = packets.stream()
                .filter(p -> p.protocol().equals("tcp") && p.stream() == stream && p.source().equals(source)
                        && p.sourcePort() == sourcePort && p.payload().length > 0)
                .sorted(Comparator.comparingLong(Packet::sequence)).toList();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // tshark's relative sequence numbers: the first byte after the SYN is 1.
        long next = 1;
        for (Packet segment : segments) {
            long start = segment.sequence();
            long end = start + segment.payload().length;
            if (start > next) break;
            if (end > next) {
                int skip = (int) (next - start);
                bytes.write(segment.payload(), skip, segment.payload().length - skip);
                next = end;
            }
        }
        return new Direction(stream, source, sourcePort, destination, destinationPort, bytes.toByteArray());
    }

    /**
     * The packets whose payload holds {@code text} (ISO-8859-1), and the directions of connections that hold it
     * across segment boundaries: what a capture of SIP in the clear shows.
     */
    public List<String> placesHolding(String text) {
        byte[] wanted = text.getBytes(StandardCharsets.ISO_8859_1);
        List<String> places = new ArrayList<>();
        for (Packet p : packets) {
            if (indexOf(p.payload(), wanted) >= 0) {
                places.add(p.protocol() + " " + p.source() + ":" + p.sourcePort() + " -> " + p.destination() + ":"
                        + p.destinationPort());
            }
        }
        for (Direction d : tcpConnectionsFromTheirStart()) {
            if (indexOf(d.bytes(), wanted) >= 0) places.add(d.toString());
        }
        return places;
    }

    /** Where {@code wanted} first stands in {@code bytes}, or -1. */
    public static int indexOf(byte[] bytes, byte[] wanted) {
        outer:
        for (int i = 0; i + wanted.length <= bytes.length; i++) {
            for (int j = 0; j < wanted.length; j++) {
                if (bytes[i + j] != wanted[j]) continue outer;
            }
            return i;
        }
        return -1;
    }
}
