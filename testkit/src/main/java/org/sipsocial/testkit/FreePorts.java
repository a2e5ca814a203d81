package org.sipsocial.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ports free on loopback for both TCP and UDP, for tests that must tell a third-party program where to go. A port is
 * handed out once per JVM: the kernel may give the same ephemeral port to two probes in a row (seen: a site's SIP and
 * link ports both 44787), and the second caller would then collide with the first.
 */
public final class FreePorts {
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    public static int tcpAndUdp() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
                    if (HANDED_OUT.add(port)) return port;
                } catch (IOException takenForUdp) {
                    // try another
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no port free for both TCP and UDP on loopback");
    }

    /**
     * Waits until something listens on loopback {@code port}: for TCP a connection is accepted; for UDP the port
     * shows in {@code /proc/net/udp} (Linux). Fails after {@code limit}.
     */
    public static void awaitListening(int port, boolean tcp, java.time.Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (tcp ? acceptsTcp(port) : boundUdp(port)) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("nothing listens on " + (tcp ? "TCP" : "UDP") + " port " + port + " after " + limit);
    }

    private static boolean acceptsTcp(int port) {
        try (java.net.Socket probe = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean boundUdp(int port) {
        String needle = String.format(":%04X ", port);
        try {
            for (String table : new String[] {"/proc/net/udp", "/proc/net/udp6"}) {
                java.nio.file.Path file = java.nio.file.Path.of(table);
                if (java.nio.file.Files.exists(file) && java.nio.file.Files.readAllLines(file).stream()
                        .skip(1).anyMatch(line -> line.trim().split("\\s+")[1].endsWith(needle.trim()))) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
