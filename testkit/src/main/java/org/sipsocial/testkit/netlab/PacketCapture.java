package org.sipsocial.testkit.netlab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.sipsocial.testkit.ExternalTool;

/**
 * tcpdump (Debian package {@code tcpdump}) writing what crosses one interface of a lab namespace to a pcap file,
 * so that a test can read the bytes on the wire: the lab's public network ({@link #of(Network, Path)}), or a
 * host's own interface ({@link #of(Host, String, Path)}); {@link CapturedPackets} reads the file.
 */
public final class PacketCapture implements AutoCloseable {
    private static final Duration LISTENING_LIMIT = Duration.ofSeconds(10);
    private static final Duration EXIT_LIMIT = Duration.ofSeconds(10);

    private final Process process;
    private final Path file;

    private PacketCapture(String namespace, String device, Path file) {
        ExternalTool.require("tcpdump", "tcpdump");
        this.file = file;
        Path log = file.resolveSibling(file.getFileName() + ".log");
        try {
            // --immediate-mode: the kernel hands tcpdump each packet at once. Without it, packets wait in the
            // capture ring's block until the block fills or its timeout (1 s) retires it, and those still waiting
            // when tcpdump stops are lost: a capture stopped within a second of the traffic held only its header.
            // -U: tcpdump writes each packet to the file as it gets it, not when its own buffer fills.
            this.process = new ProcessBuilder(List.of("ip", "netns", "exec", namespace, "tcpdump", "-i", device,
                    "--immediate-mode", "-U", "-n", "-s", "0", "-w", file.toString())).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            // tcpdump says "listening on" once the capture runs: packets before that would be missed.
            long deadline = System.nanoTime() + LISTENING_LIMIT.toNanos();
            while (!(Files.exists(log) && Files.readString(log).contains("listening on"))) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroyForcibly().waitFor(EXIT_LIMIT.toSeconds(), TimeUnit.SECONDS);
                    throw new IllegalStateException("tcpdump on " + device + " in " + namespace + " is not capturing: "
                            + Files.readString(log));
                }
                Thread.sleep(20);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Everything that crosses the switch of {@code network}. */
    public static PacketCapture of(Network network, Path file) {
        return new PacketCapture(network.namespace(), Network.BRIDGE, file);
    }

    /** What crosses {@code device} ({@code lo}, {@code eth0}) of {@code host}. */
    public static PacketCapture of(Host host, String device, Path file) {
        return new PacketCapture(host.namespace(), device, file);
    }

    /**
     * Stops the capture as Ctrl-C does (tcpdump ends alike on SIGTERM: it writes what it holds and closes the
     * file), waits for tcpdump to exit, and returns the bytes it wrote (the pcap file: headers and packets as they
     * crossed).
     */
    public byte[] stop() {
        try {
            process.destroy();
            if (!process.waitFor(EXIT_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(EXIT_LIMIT.toSeconds(), TimeUnit.SECONDS);
                throw new IllegalStateException("tcpdump writing " + file + " did not stop within " + EXIT_LIMIT);
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The pcap file, whole once {@link #stop()} returned. */
    public Path file() {
        return file;
    }

    /** Stops the capture if it still runs, waiting for tcpdump to exit. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(EXIT_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(EXIT_LIMIT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Whether {@code bytes} hold a run of {@code repeats} copies of one {@code period}-byte unit that is not a
     * single byte repeated: what a pure tone whose period is {@code period} samples looks like in clear G.711 RTP
     * (1 kHz at 8 kHz has a period of 8), and what encrypted media never looks like.
     */
    public static boolean hasPeriodicRun(byte[] bytes, int period, int repeats) {
        int needed = period * repeats;
        for (int start = 0; start + needed <= bytes.length; start++) {
            boolean varied = false;
            for (int i = 1; i < period && !varied; i++) {
                varied = bytes[start + i] != bytes[start];
            }
            if (!varied) {
                continue;
            }
            int run = period;
            while (start + run < bytes.length && bytes[start + run] == bytes[start + run - period]) {
                run++;
                if (run >= needed) {
                    return true;
                }
            }
        }
        return false;
    }
}
