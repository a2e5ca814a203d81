package org.sipsocial.link.relay;

/**
 * The bound on relayed bytes a second (issue 15's {@code relay-bytes-per-second}): a token bucket (RFC 2697's
 * committed rate and burst) filled at {@code bytesPerSecond} and holding one second's worth. Bytes over it are
 * not dropped: the relay forwards them and stops reading until the bucket has paid for them, so TCP slows the
 * sender down. Time is given by the caller, in nanoseconds (DESIGN principle 5). Not thread-safe: the relay
 * uses it on its one link thread.
 */
public final class ByteRate {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private final long bytesPerSecond;
    private double tokens;
    private long lastNanos;

    public ByteRate(long bytesPerSecond, long nowNanos) {
        if (bytesPerSecond <= 0) throw new IllegalArgumentException("bytesPerSecond must be positive: " + bytesPerSecond);
        this.bytesPerSecond = bytesPerSecond;
        this.tokens = bytesPerSecond;
        this.lastNanos = nowNanos;
    }

    /**
     * Takes {@code bytes} that were forwarded at {@code nowNanos}.
     *
     * @return how long, in nanoseconds, the relay should stop reading to stay within the rate (0: go on reading)
     */
    public long take(int bytes, long nowNanos) {
        long elapsed = Math.max(0, nowNanos - lastNanos);
        lastNanos = nowNanos;
        tokens = Math.min(bytesPerSecond, tokens + (double) elapsed * bytesPerSecond / NANOS_PER_SECOND);
        tokens -= bytes;
        if (tokens >= 0) return 0;
        return (long) Math.ceil(-tokens * NANOS_PER_SECOND / bytesPerSecond);
    }

    public long bytesPerSecond() {
        return bytesPerSecond;
    }
}
