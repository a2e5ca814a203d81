package org.sipsocial.bench.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * One step of load: every call's phone and other site each send a 20 ms G.711 packet (12-byte RTP header, 160
 * bytes of payload) every 20 ms, spread evenly over the 20 ms, and the generator times what the relay forwards:
 * the send time of each packet is kept by call, direction and sequence number, and a packet received is timed
 * against it. Only packets sent inside the measurement window {@code [windowStart, windowEnd)} count.
 *
 * <p>Threads: one sender (both directions of every call), one receiver for the phones' sockets and one for the
 * other site's. Send times are taken just before {@code send} (after the other site has encrypted), receive times
 * just after {@code receive} (before any check), so the latency is the relay's plus loopback's and the
 * generator's wake-up (measured alone in the same run with {@link Loopback}).
 */
final class Traffic {
    static final int PAYLOAD_BYTES = 160;
    static final long PERIOD_NANOS = 20_000_000L;
    private static final int HISTORY = 1024;
    /** One packet in this many has its payload checked (decrypted first where it is SRTP). */
    private static final int CHECK_EVERY = 16;
    static final int PHONE_TO_FAR = 0;
    static final int FAR_TO_PHONE = 1;

    private final List<Call> calls;
    private final boolean phoneGetsPlain;
    private final long start;
    private final long windowStart;
    private final long windowEnd;
    private final long stop;
    private final AtomicLongArray[] sentAt = {new AtomicLongArray(0), new AtomicLongArray(0)};
    private volatile boolean running = true;

    final long[] sentInWindow = new long[2];
    final long[][] latencies = new long[2][];
    final int[] received = new int[2];
    final long[] receivedOutside = new long[2];
    final long[] badPayload = new long[2];
    final long[] checked = new long[2];
    /** ICMP port unreachable reported on a socket (a relay not listening yet, or any more). */
    final long[] unreachable = new long[2];
    volatile Throwable failure;

    Traffic(List<Call> calls, boolean phoneGetsPlain, long start, long windowStart, long windowEnd, long stop) {
        this.calls = calls;
        this.phoneGetsPlain = phoneGetsPlain;
        this.start = start;
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        this.stop = stop;
        int capacity = (int) (calls.size() * ((windowEnd - windowStart) / PERIOD_NANOS + 2) + 16);
        for (int dir = 0; dir < 2; dir++) {
            sentAt[dir] = new AtomicLongArray(calls.size() * HISTORY);
            latencies[dir] = new long[capacity];
        }
    }

    /**
     * Runs the step to its end and waits for the threads. Each socket is connected to where it sends (where the
     * relay also sends from): cheaper sends for the generator, and nothing but the relay's packets read.
     */
    void run() throws InterruptedException, IOException {
        for (Call call : calls) {
            call.phone.connect(call.phoneTo);
            call.far.connect(call.farTo);
        }
        Thread sender = new Thread(this::send, "load-sender");
        Thread phones = new Thread(() -> receive(FAR_TO_PHONE), "load-phones");
        Thread far = new Thread(() -> receive(PHONE_TO_FAR), "load-far");
        phones.start();
        far.start();
        sender.start();
        sender.join();
        long linger = System.nanoTime() + 300_000_000L;
        while (System.nanoTime() < linger) {
            Thread.sleep(50);
        }
        running = false;
        phones.join();
        far.join();
        if (failure != null) {
            throw new IllegalStateException("load generator failed", failure);
        }
    }

    private static void header(byte[] b, int off, int seq, int ssrc) {
        b[off] = (byte) 0x80;
        b[off + 1] = 0; // PCMU
        b[off + 2] = (byte) (seq >>> 8);
        b[off + 3] = (byte) seq;
        int timestamp = seq * 160;
        b[off + 4] = (byte) (timestamp >>> 24);
        b[off + 5] = (byte) (timestamp >>> 16);
        b[off + 6] = (byte) (timestamp >>> 8);
        b[off + 7] = (byte) timestamp;
        b[off + 8] = (byte) (ssrc >>> 24);
        b[off + 9] = (byte) (ssrc >>> 16);
        b[off + 10] = (byte) (ssrc >>> 8);
        b[off + 11] = (byte) ssrc;
        for (int i = 0; i < PAYLOAD_BYTES; i++) {
            b[off + 12 + i] = payloadByte(seq, ssrc, i);
        }
    }

    private static byte payloadByte(int seq, int ssrc, int i) {
        return (byte) (seq * 7 + ssrc + i);
    }

    private void send() {
        try {
            int n = calls.size();
            long slot = PERIOD_NANOS / n;
            byte[] phonePacket = new byte[12 + PAYLOAD_BYTES];
            byte[] farPacket = new byte[4 + 12 + PAYLOAD_BYTES + 64];
            ByteBuffer out = ByteBuffer.allocateDirect(2048);
            for (long k = 0; ; k++) {
                int seq = (int) ((k + 1) & 0xFFFF);
                for (int i = 0; i < n; i++) {
                    long due = start + k * PERIOD_NANOS + i * slot;
                    long wait = due - System.nanoTime();
                    if (wait > 50_000) {
                        LockSupport.parkNanos(wait);
                    }
                    if (System.nanoTime() >= stop) {
                        return;
                    }
                    Call call = calls.get(i);
                    int at = i * HISTORY + (seq & (HISTORY - 1));

                    header(phonePacket, 0, seq, call.phoneSsrc);
                    out.clear();
                    out.put(phonePacket).flip();
                    long t = System.nanoTime();
                    sentAt[PHONE_TO_FAR].lazySet(at, t);
                    call.phone.write(out);
                    count(PHONE_TO_FAR, t);

                    int offset = call.farPrefix >= 0 ? 4 : 0;
                    if (offset == 4) {
                        putInt(farPacket, 0, call.farPrefix);
                    }
                    header(farPacket, offset, seq, call.farSsrc);
                    int length = call.farSender.protect(farPacket, offset, 12 + PAYLOAD_BYTES);
                    out.clear();
                    out.put(farPacket, 0, offset + length).flip();
                    t = System.nanoTime();
                    sentAt[FAR_TO_PHONE].lazySet(at, t);
                    call.far.write(out);
                    count(FAR_TO_PHONE, t);
                }
            }
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
    }

    private void count(int dir, long t) {
        if (t >= windowStart && t < windowEnd) {
            sentInWindow[dir]++;
        }
    }

    private static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    /** Receives what the relay forwards in direction {@code dir}: on the other site's sockets, or the phones'. */
    private void receive(int dir) {
        try (Selector selector = Selector.open()) {
            for (Call call : calls) {
                DatagramChannel channel = dir == PHONE_TO_FAR ? call.far : call.phone;
                channel.register(selector, SelectionKey.OP_READ, call);
            }
            ByteBuffer in = ByteBuffer.allocateDirect(2048);
            byte[] copy = new byte[2048];
            while (running) {
                if (selector.select(100) == 0) {
                    continue;
                }
                for (var it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                    SelectionKey key = it.next();
                    it.remove();
                    Call call = (Call) key.attachment();
                    DatagramChannel channel = (DatagramChannel) key.channel();
                    in.clear();
                    try {
                        while (channel.read(in) > 0) {
                            long now = System.nanoTime();
                            in.flip();
                            received(dir, call, in, now, copy);
                            in.clear();
                        }
                    } catch (java.net.PortUnreachableException e) {
                        unreachable[dir]++;
                    }
                }
            }
        } catch (IOException e) {
            failure = new UncheckedIOException(e);
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    private void received(int dir, Call call, ByteBuffer packet, long now, byte[] copy) {
        int offset = dir == PHONE_TO_FAR && call.farExpects >= 0 ? 4 : 0;
        int length = packet.remaining();
        if (length < offset + 12) {
            badPayload[dir]++;
            return;
        }
        if (offset == 4 && packet.getInt(0) != call.farExpects) {
            badPayload[dir]++;
            return;
        }
        int seq = ((packet.get(offset + 2) & 0xFF) << 8) | (packet.get(offset + 3) & 0xFF);
        long sent = sentAt[dir].get(call.index * HISTORY + (seq & (HISTORY - 1)));
        if (sent < windowStart || sent >= windowEnd) {
            receivedOutside[dir]++;
        } else if (received[dir] < latencies[dir].length) {
            latencies[dir][received[dir]++] = now - sent;
        }
        if (seq % CHECK_EVERY == 0) {
            check(dir, call, packet, offset, length, seq, copy);
        }
    }

    /** Whether the relay forwarded the payload unchanged (decrypting it first when it arrives as SRTP). */
    private void check(int dir, Call call, ByteBuffer packet, int offset, int length, int seq, byte[] copy) {
        packet.get(0, copy, 0, length);
        int plainLength = length - offset;
        int ssrc = dir == PHONE_TO_FAR ? call.phoneSsrc : call.farSsrc;
        if (dir == PHONE_TO_FAR && call.farChecker != null) {
            plainLength = call.farChecker.unprotect(copy, offset, length - offset);
        } else if (dir == FAR_TO_PHONE && !phoneGetsPlain) {
            return;
        }
        checked[dir]++;
        boolean good = plainLength == 12 + PAYLOAD_BYTES;
        for (int i = 0; good && i < PAYLOAD_BYTES; i++) {
            good = copy[offset + 12 + i] == payloadByte(seq, ssrc, i);
        }
        if (!good) {
            badPayload[dir]++;
        }
    }

    /** The latencies of direction {@code dir} (or both, for -1), sorted, in nanoseconds. */
    long[] sortedLatencies(int dir) {
        long[] all;
        if (dir < 0) {
            all = new long[received[0] + received[1]];
            System.arraycopy(latencies[0], 0, all, 0, received[0]);
            System.arraycopy(latencies[1], 0, all, received[0], received[1]);
        } else {
            all = Arrays.copyOf(latencies[dir], received[dir]);
        }
        Arrays.sort(all);
        return all;
    }

    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return -1;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
