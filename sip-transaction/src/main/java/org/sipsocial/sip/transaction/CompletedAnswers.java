package org.sipsocial.sip.transaction;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Non-INVITE server transactions in the Completed state over an unreliable transport, kept as only what that state
 * needs (RFC 3261 §17.2.2): the key a retransmitted request matches (§17.2.3) and the bytes of the final response
 * it is answered with, until Timer J (64*T1) would have ended the transaction.
 *
 * <p><b>Why not the transaction itself.</b> At 4,000 REGISTER a second, 32 s of Timer J keeps 128,000 transactions
 * alive, each some forty small objects (the machine, its executor, its timer, its keys, its source) that outlive the
 * young generation and die in the old one: the collector's concurrent marking then took a fifth of the site's CPU
 * (issue 14). Here an answer is one {@code byte[]} (the key, then the response) in a ring, found through an
 * open-addressing index of {@code int}s: nothing for the collector to trace but the arrays themselves.
 *
 * <p><b>Order and time.</b> Answers enter in the order they were sent and Timer J is one duration for all, so they
 * also expire in that order: the ring's oldest are dropped once their Timer J has passed (checked on every
 * {@link #keep}, and an expired answer is never given by {@link #find}). No timer is started for them.
 *
 * <p><b>Bounds.</b> At most {@code capacity} answers and {@code maxBytes} bytes of them. When either is reached the
 * oldest answer is dropped before its Timer J ({@link #droppedEarly}): a request whose every answer was lost for that
 * long is then handled again. With the launcher's heap this happens only above about 4,000 requests a second.
 *
 * <p><b>Matching.</b> The index hashes the key's bytes with a seed drawn at start (so that no one can choose keys
 * that collide), and a hit is confirmed by comparing the key's bytes, never by the hash alone.
 *
 * <p>Threads: every method holds this object's lock; each is a few array reads and writes.
 */
final class CompletedAnswers {
    /** Our bound on the answers kept, whatever the heap: a power of two, so that the index's slots fit an int. */
    static final int MAX_CAPACITY = 1 << 24;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final LongSupplier nanoTime;
    private final long timerJNanos;
    private final long seed = new SecureRandom().nextLong();
    private int capacity;
    private long maxBytes;
    /** Ring of answers, by sequence number modulo the capacity: the key's bytes, then the response's. */
    private byte[][] entries;
    private int[] keyLengths;
    private long[] hashes;
    private long[] sentAt;
    /** Open addressing (linear probing) over twice the capacity: a ring position plus one, or 0 for empty. */
    private int[] index;
    private long oldest;
    private long next;
    private long bytes;
    private long droppedEarly;

    CompletedAnswers(LongSupplier nanoTime, long timerJNanos, int capacity, long maxBytes) {
        this.nanoTime = nanoTime;
        this.timerJNanos = timerJNanos;
        bound(capacity, maxBytes);
    }

    /**
     * Sets the bounds (the capacity rounded up to a power of two); answers already kept are dropped. A capacity of 0
     * keeps none: the transactions then wait out Timer J themselves.
     */
    synchronized void bound(int capacity, long maxBytes) {
        if (capacity < 0 || capacity > MAX_CAPACITY || maxBytes < 0) {
            throw new IllegalArgumentException("answers kept: 0 to " + MAX_CAPACITY + ", bytes not negative: " + capacity + ", " + maxBytes);
        }
        this.capacity = capacity == 0 ? 0 : Integer.highestOneBit(capacity) == capacity ? capacity : Integer.highestOneBit(capacity) << 1;
        this.maxBytes = maxBytes;
        int slots = this.capacity;
        entries = new byte[slots][];
        keyLengths = new int[slots];
        hashes = new long[slots];
        sentAt = new long[slots];
        index = new int[Math.max(2, slots * 2)];
        oldest = 0;
        next = 0;
        bytes = 0;
    }

    /**
     * Keeps {@code response} (the final response as written) as the answer to retransmissions of the request with
     * {@code key}; returns false, keeping nothing, when it does not fit at all.
     */
    synchronized boolean keep(byte[] key, byte[] response) {
        long size = (long) key.length + response.length;
        if (capacity == 0 || size > maxBytes) return false;
        long now = nanoTime.getAsLong();
        dropExpired(now);
        long hash = hash(key, 0, key.length);
        int existing = slotOf(hash, key);
        if (existing >= 0) forget(index[existing] - 1);
        while (next - oldest == capacity || bytes + size > maxBytes) {
            if (dropOldest()) droppedEarly++;
        }
        int at = position(next++);
        byte[] entry = Arrays.copyOf(key, (int) size);
        System.arraycopy(response, 0, entry, key.length, response.length);
        entries[at] = entry;
        keyLengths[at] = key.length;
        hashes[at] = hash;
        sentAt[at] = now;
        bytes += size;
        int slot = (int) hash & (index.length - 1);
        while (index[slot] != 0) slot = (slot + 1) & (index.length - 1);
        index[slot] = at + 1;
        return true;
    }

    /** The response kept for the request with {@code key}, as written, while its Timer J runs; or {@code null}. */
    synchronized byte[] find(byte[] key) {
        if (capacity == 0 || next == oldest) return null;
        int slot = slotOf(hash(key, 0, key.length), key);
        if (slot < 0) return null;
        int at = index[slot] - 1;
        if (nanoTime.getAsLong() - sentAt[at] >= timerJNanos) return null;
        byte[] entry = entries[at];
        return Arrays.copyOfRange(entry, keyLengths[at], entry.length);
    }

    /**
     * Places taken in the ring now: the answers kept (some may have passed their Timer J and wait to be dropped), and
     * the places of answers replaced by a later one for the same key, until the ring moves past them.
     */
    synchronized int size() {
        return (int) (next - oldest);
    }

    /** Bytes of the answers kept now. */
    synchronized long bytes() {
        return bytes;
    }

    /** Answers dropped before their Timer J because the bounds were reached, since start. */
    synchronized long droppedEarly() {
        return droppedEarly;
    }

    private void dropExpired(long now) {
        while (next != oldest && now - sentAt[position(oldest)] >= timerJNanos) dropOldest();
    }

    /** Moves the ring's tail on by one; returns whether that dropped an answer (not the place of one replaced). */
    private boolean dropOldest() {
        int at = position(oldest++);
        if (entries[at] == null) return false;
        forget(at);
        return true;
    }

    /** Removes the answer at ring position {@code at} from the index (backward-shift deletion) and frees it. */
    private void forget(int at) {
        int mask = index.length - 1;
        int slot = (int) hashes[at] & mask;
        while (index[slot] != at + 1) slot = (slot + 1) & mask;
        int hole = slot;
        for (int probe = (hole + 1) & mask; index[probe] != 0; probe = (probe + 1) & mask) {
            int home = (int) hashes[index[probe] - 1] & mask;
            // Moves the entry at probe into the hole unless its home lies cyclically in (hole, probe].
            boolean stays = hole <= probe ? hole < home && home <= probe : hole < home || home <= probe;
            if (!stays) {
                index[hole] = index[probe];
                hole = probe;
            }
        }
        index[hole] = 0;
        bytes -= entries[at].length;
        entries[at] = null;
    }

    /** The index slot that holds the answer for {@code key}, or -1. */
    private int slotOf(long hash, byte[] key) {
        int mask = index.length - 1;
        for (int slot = (int) hash & mask; index[slot] != 0; slot = (slot + 1) & mask) {
            int at = index[slot] - 1;
            if (hashes[at] == hash && keyLengths[at] == key.length
                    && Arrays.equals(entries[at], 0, key.length, key, 0, key.length)) {
                return slot;
            }
        }
        return -1;
    }

    private int position(long sequence) {
        return (int) (sequence & (capacity - 1));
    }

    /** FNV-1a from a random seed, then MurmurHash3's 64-bit finaliser so that the low bits (the slot) mix well. */
    private long hash(byte[] b, int from, int to) {
        long h = seed;
        for (int i = from; i < to; i++) h = (h ^ (b[i] & 0xff)) * FNV_PRIME;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }
}
