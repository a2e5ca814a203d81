package org.sipsocial.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A flooder bounded in count and time: as fast as one thread sends, unauthenticated INVITEs and OPTIONS for a
 * user of the site, each with a fresh Call-ID and branch, never ACKed; it counts what comes back and when.
 */
final class UdpFlooder implements AutoCloseable {
    private final DatagramSocket socket;
    private final InetSocketAddress target;
    private final String site;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong lastAnswerNanos = new AtomicLong();
    private final Thread listener;
    private volatile long startNanos;
    private long sent;
    private Duration took = Duration.ZERO;

    UdpFlooder(String fromAddress, InetSocketAddress target, String site) {
        try {
            this.socket = new DatagramSocket(new InetSocketAddress(fromAddress, 0));
            socket.setSendBufferSize(4 << 20);
            socket.setReceiveBufferSize(4 << 20);
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
        this.target = target;
        this.site = site;
        this.listener = new Thread(this::listen, "flood-answers");
        listener.setDaemon(true);
        listener.start();
    }

    /**
     * Sends until {@code maxMessages} are out or {@code limit} has passed, at most {@code perSecond} a second
     * (0: as fast as the thread goes).
     */
    void flood(long maxMessages, Duration limit, int perSecond) throws IOException {
        String from = socket.getLocalAddress().getHostAddress() + ":" + socket.getLocalPort();
        startNanos = System.nanoTime();
        long end = startNanos + limit.toNanos();
        while (sent < maxMessages && System.nanoTime() < end) {
            if (perSecond > 0) {
                long due = startNanos + sent * 1_000_000_000L / perSecond;
                long early = due - System.nanoTime();
                if (early > 200_000) {
                    java.util.concurrent.locks.LockSupport.parkNanos(early);
                }
            }
            String method = sent % 2 == 0 ? "INVITE" : "OPTIONS";
            String text = method + " sip:bob@" + site + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP " + from + ";branch=z9hG4bKflood" + sent + ";rport\r\n"
                    + "Max-Forwards: 70\r\nFrom: <sip:flood@" + site + ">;tag=f" + sent + "\r\n"
                    + "To: <sip:bob@" + site + ">\r\nCall-ID: flood-" + sent + "\r\nCSeq: 1 " + method + "\r\n"
                    + "Contact: <sip:flood@" + from + ">\r\nContent-Length: 0\r\n\r\n";
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(bytes, bytes.length, target));
            sent++;
        }
        took = Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private void listen() {
        byte[] buffer = new byte[65536];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.setSoTimeout(200);
        } catch (SocketException e) {
            return;
        }
        while (!socket.isClosed()) {
            try {
                socket.receive(packet);
                received.incrementAndGet();
                lastAnswerNanos.set(System.nanoTime());
            } catch (SocketTimeoutException quiet) {
                // keep listening until closed
            } catch (IOException closed) {
                return;
            }
        }
    }

    long sent() {
        return sent;
    }

    long answers() {
        return received.get();
    }

    Duration took() {
        return took;
    }

    /** How long after the flood began the last answer came (zero when none came). */
    Duration lastAnswerAfterStart() {
        long last = lastAnswerNanos.get();
        return last == 0 ? Duration.ZERO : Duration.ofNanos(last - startNanos);
    }

    @Override
    public void close() {
        socket.close();
        try {
            listener.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
