package org.sipsocial.admin.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A bounded ring buffer of timed samples: it keeps the last {@code capacity} and overwrites the oldest, so a
 * chart's history costs the same memory however long the site runs. Safe to use from several threads.
 */
final class SampleRing {
    /** One value at one time. */
    record Sample(Instant at, double value) {
    }

    private final Sample[] samples;
    private int next;
    private int size;

    SampleRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a ring holds at least one sample, not " + capacity);
        }
        samples = new Sample[capacity];
    }

    synchronized void add(Instant at, double value) {
        samples[next] = new Sample(at, value);
        next = (next + 1) % samples.length;
        size = Math.min(size + 1, samples.length);
    }

    /** The samples taken at or after {@code from}, oldest first. */
    synchronized List<Sample> since(Instant from) {
        List<Sample> out = new ArrayList<>(size);
        int first = (next - size + samples.length) % samples.length;
        for (int i = 0; i < size; i++) {
            Sample sample = samples[(first + i) % samples.length];
            if (!sample.at().isBefore(from)) {
                out.add(sample);
            }
        }
        return out;
    }

    synchronized Optional<Sample> latest() {
        return size == 0 ? Optional.empty() : Optional.of(samples[(next - 1 + samples.length) % samples.length]);
    }

    int capacity() {
        return samples.length;
    }
}
