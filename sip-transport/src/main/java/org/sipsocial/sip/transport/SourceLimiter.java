package org.sipsocial.sip.transport;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-source flood limits before any state (Kamailio's {@code pike} is the anchor): a token bucket per source
 * address (per /64 for IPv6, since one host owns a whole /64), refilled at {@link Limits#rate} messages a second
 * up to {@link Limits#burst}. A source that empties its bucket is blocked for {@link Limits#blockFor}: everything
 * it sends is dropped silently (no answer), the block is logged once when it starts, and counted. Sources the
 * site trusts (addresses with a registered phone) have their own, higher bucket.
 *
 * <p>The table of sources is bounded ({@link Limits#maxSources}, least recently seen evicted first), so that a
 * sender spraying source addresses costs a bounded amount of memory. Time comes from the {@link Clock}.
 *
 * <pre>
 * sipsocial.flood.dropped           counter   messages dropped from blocked sources
 * sipsocial.flood.blocks            counter   blocks started
 * sipsocial.flood.sources           gauge     sources in the table
 * sipsocial.flood.blocked.sources   gauge     sources blocked now
 * sipsocial.flood.sources.evicted   counter   sources forgotten because the table was full
 * </pre>
 */
public final class SourceLimiter implements SourceAdmission {
    private static final Logger LOG = LoggerFactory.getLogger(SourceLimiter.class);

    /**
     * The limits: messages a second and bucket size for an anonymous source and for a trusted one, how long an
     * over-limit source stays blocked, and how many sources the table holds.
     */
    public record Limits(double rate, int burst, double trustedRate, int trustedBurst, Duration blockFor, int maxSources) {
        /** Sources remembered at most: 65,536 entries of about 100 bytes each. */
        public static final int MAX_SOURCES = 65_536;
        /** A trusted source (a registered phone's address, maybe a NAT with many phones) gets this many times more. */
        public static final int TRUSTED_FACTOR = 20;
        /**
         * The bucket holds this many seconds of the rate: at the default, 50 phones behind one NAT registering at once
         * (REGISTER, 401, REGISTER each). Once a phone has registered its address is trusted, and its subscriptions
         * at boot (BLF keys) and calls pass under the trusted bucket.
         */
        public static final int BURST_SECONDS = 2;
        public static final int DEFAULT_RATE = 50;
        public static final Duration DEFAULT_BLOCK = Duration.ofSeconds(60);
        public static final Limits DEFAULTS = forRate(DEFAULT_RATE, DEFAULT_BLOCK);

        public Limits {
            if (!(rate > 0) || burst < 1 || !(trustedRate >= rate) || trustedBurst < burst || blockFor == null
                    || blockFor.isNegative() || blockFor.isZero() || maxSources < 1) {
                throw new IllegalArgumentException("source limits out of bounds: " + rate + "/s burst " + burst + ", trusted "
                        + trustedRate + "/s burst " + trustedBurst + ", block " + blockFor + ", " + maxSources + " sources");
            }
        }

        /** The limits for an anonymous rate (messages a second), the others derived from it. */
        public static Limits forRate(int rate, Duration blockFor) {
            return new Limits(rate, rate * BURST_SECONDS, (double) rate * TRUSTED_FACTOR, rate * BURST_SECONDS * TRUSTED_FACTOR,
                    blockFor, MAX_SOURCES);
        }
    }

    /** A source blocked now, and until when. */
    public record Blocked(String source, Instant until) {
    }

    private static final class Bucket {
        double tokens;
        long lastMillis;
        long blockedUntilMillis;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.lastMillis = now;
        }
    }

    private final Limits limits;
    private final Clock clock;
    private final Predicate<InetAddress> trusted;
    private final Map<InetAddress, Bucket> sources;
    private final Counter dropped;
    private final Counter blocks;
    private final Counter evicted;

    /**
     * @param trusted whether a source address has the higher, trusted limits (asked for each message: keep it cheap)
     */
    public SourceLimiter(Limits limits, Clock clock, Predicate<InetAddress> trusted, MeterRegistry metrics) {
        this.limits = limits;
        this.clock = clock;
        this.trusted = trusted;
        this.dropped = metrics.counter("sipsocial.flood.dropped");
        this.blocks = metrics.counter("sipsocial.flood.blocks");
        this.evicted = metrics.counter("sipsocial.flood.sources.evicted");
        this.sources = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, Bucket> eldest) {
                boolean full = size() > limits.maxSources();
                if (full) {
                    evicted.increment();
                }
                return full;
            }
        };
        Gauge.builder("sipsocial.flood.sources", this, SourceLimiter::trackedSources).register(metrics);
        Gauge.builder("sipsocial.flood.blocked.sources", this, l -> l.blocked().size()).register(metrics);
    }

    @Override
    public boolean admits(InetSocketAddress source) {
        InetAddress address = source.getAddress();
        if (address == null) {
            return true;
        }
        InetAddress key = keyOf(address);
        boolean isTrusted = trusted.test(address);
        double rate = isTrusted ? limits.trustedRate() : limits.rate();
        int burst = isTrusted ? limits.trustedBurst() : limits.burst();
        long now = clock.millis();
        synchronized (sources) {
            Bucket bucket = sources.get(key);
            if (bucket == null) {
                sources.put(key, new Bucket(burst - 1, now));
                return true;
            }
            if (bucket.blockedUntilMillis > now) {
                dropped.increment();
                return false;
            }
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.lastMillis) * rate / 1000.0);
            bucket.lastMillis = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return true;
            }
            bucket.blockedUntilMillis = now + limits.blockFor().toMillis();
            bucket.tokens = 0;
        }
        blocks.increment();
        dropped.increment();
        LOG.warn("blocking {} for {}: more than {} messages a second{} (dropped silently until then)",
                describe(key, address), limits.blockFor(), (long) rate, isTrusted ? " from a registered address" : "");
        return false;
    }

    /** The sources blocked now, soonest released first. */
    public List<Blocked> blocked() {
        long now = clock.millis();
        List<Blocked> out = new ArrayList<>();
        synchronized (sources) {
            for (Map.Entry<InetAddress, Bucket> e : sources.entrySet()) {
                if (e.getValue().blockedUntilMillis > now) {
                    out.add(new Blocked(describe(e.getKey(), e.getKey()), Instant.ofEpochMilli(e.getValue().blockedUntilMillis)));
                }
            }
        }
        out.sort((a, b) -> a.until().compareTo(b.until()));
        return out;
    }

    public int trackedSources() {
        synchronized (sources) {
            return sources.size();
        }
    }

    public Limits limits() {
        return limits;
    }

    /** An IPv4 address is its own key; an IPv6 address counts with its /64. */
    static InetAddress keyOf(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] prefix = Arrays.copyOf(address.getAddress(), 16);
        Arrays.fill(prefix, 8, 16, (byte) 0);
        try {
            return InetAddress.getByAddress(prefix);
        } catch (UnknownHostException impossible) {
            return address;
        }
    }

    private static String describe(InetAddress key, InetAddress address) {
        return key instanceof Inet6Address ? key.getHostAddress() + "/64" : address.getHostAddress();
    }
}
