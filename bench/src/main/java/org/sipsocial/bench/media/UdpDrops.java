package org.sipsocial.bench.media;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Datagrams the kernel dropped (full receive buffers, mostly) on the UDP sockets bound to one address, summed from
 * the {@code drops} column of /proc/net/udp and /proc/net/udp6 (IPv4-mapped addresses included, as Netty's NIO
 * sockets bind them). Counters live with their sockets: compare two readings taken while the same sockets are open.
 */
final class UdpDrops {
    private UdpDrops() {
    }

    static long on(String host) {
        try {
            byte[] a = InetAddress.getByName(host).getAddress();
            String hex = String.format(Locale.ROOT, "%02X%02X%02X%02X", a[3], a[2], a[1], a[0]);
            return sum(Path.of("/proc/net/udp"), hex) + sum(Path.of("/proc/net/udp6"), "0000000000000000FFFF0000" + hex);
        } catch (IOException e) {
            return -1;
        }
    }

    private static long sum(Path table, String local) throws IOException {
        long drops = 0;
        for (String line : Files.readAllLines(table)) {
            String[] field = line.trim().split("\\s+");
            if (field.length > 12 && field[1].startsWith(local + ":")) {
                drops += Long.parseLong(field[field.length - 1]);
            }
        }
        return drops;
    }
}
