package org.sipsocial.link.portmap;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The router a PCP or NAT-PMP client talks to, the default gateway (RFC 6886 §3; RFC 6887 §8.1 allows others), read
 * from Linux's routing table, {@code /proc/net/route}. Its columns are {@code Iface Destination Gateway Flags ...
 * Mask ...}, addresses as 8 hex digits in the host's (little-endian) byte order; the default route has destination
 * and mask 0 and the RTF_GATEWAY flag (0x2).
 */
public final class DefaultGateway {
    public static final Path PROC_NET_ROUTE = Path.of("/proc/net/route");
    private static final int RTF_UP = 0x1;
    private static final int RTF_GATEWAY = 0x2;

    private DefaultGateway() {
    }

    /** This machine's default gateway, if it has one. */
    public static Optional<Inet4Address> ofThisMachine() {
        try {
            return parse(Files.readString(PROC_NET_ROUTE));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The gateway of the first default route in a {@code /proc/net/route} text. */
    public static Optional<Inet4Address> parse(String routeTable) {
        for (String line : routeTable.split("\n")) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length < 8 || columns[0].equals("Iface")) {
                continue;
            }
            try {
                int flags = Integer.parseInt(columns[3], 16);
                if (columns[1].equals("00000000") && columns[7].equals("00000000")
                        && (flags & (RTF_UP | RTF_GATEWAY)) == (RTF_UP | RTF_GATEWAY)) {
                    return Optional.of(littleEndian(columns[2]));
                }
            } catch (NumberFormatException e) {
                // Not a route line: the next one may be.
            }
        }
        return Optional.empty();
    }

    private static Inet4Address littleEndian(String hex) {
        long value = Long.parseLong(hex, 16);
        byte[] address = {(byte) value, (byte) (value >> 8), (byte) (value >> 16), (byte) (value >> 24)};
        try {
            return (Inet4Address) InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }
}
