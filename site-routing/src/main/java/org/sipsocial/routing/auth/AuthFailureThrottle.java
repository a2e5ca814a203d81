package org.sipsocial.routing.auth;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slows down, then blocks, a source address that keeps failing digest authentication, so that a scanner such as
 * {@code svwar} or a password guesser cannot work at line rate. A success forgets the source's failures.
 * Blocks are logged when they start and counted in metrics ({@code sipsocial.auth.failures},
 * {@code sipsocial.auth.blocks}, gauge {@code sipsocial.auth.blocked.sources}).
 */
public final class AuthFailureThrottle {
    private static final Logger LOG = LoggerFactory.getLogger(AuthFailureThrottle.class);

    /** What to do with the next request from a source. */
    public record Admission(Kind kind, Duration delay) {
        public enum Kind { ALLOW, DELAY, BLOCKED }

        static final Admission ALLOW = new Admission(Kind.ALLOW, Duration.ZERO);
        static final Admission BLOCKED = new Admission(Kind.BLOCKED, Duration.ZERO);
    }

    private static final class Record {
        Instant windowStart;
        int failures;
        Instant blockedUntil;

        Record(Instant now) {
            windowStart = now;
        }
    }

    private final AuthFailurePolicy policy;
    private final Clock clock;
    private final Map<InetAddress, Record> sources = new ConcurrentHashMap<>();
    private final Counter failures;
    private final Counter blocks;

    public AuthFailureThrottle(AuthFailurePolicy policy, Clock clock, MeterRegistry metrics) {
        this.policy = policy;
        this.clock = clock;
        this.failures = metrics.counter("sipsocial.auth.failures");
        this.blocks = metrics.counter("sipsocial.auth.blocks");
        Gauge.builder("sipsocial.auth.blocked.sources", this, AuthFailureThrottle::blockedSources).register(metrics);
    }

    /** Whether a request from {@code source} is served now, later, or not at all. */
    public Admission admit(InetAddress source) {
        Record record = sources.get(source);
        if (record == null) {
            return Admission.ALLOW;
        }
        Instant now = clock.instant();
        synchronized (record) {
            if (record.blockedUntil != null) {
                if (now.isBefore(record.blockedUntil)) {
                    return Admission.BLOCKED;
                }
                sources.remove(source);
                LOG.info("authentication block of {} has ended", source.getHostAddress());
                return Admission.ALLOW;
            }
            if (record.failures < policy.slowAfter()) {
                return Admission.ALLOW;
            }
            int doublings = Math.min(record.failures - policy.slowAfter(), 16);
            Duration delay = policy.firstDelay().multipliedBy(1L << doublings);
            return new Admission(Admission.Kind.DELAY, delay.compareTo(policy.maxDelay()) > 0 ? policy.maxDelay() : delay);
        }
    }

    public void failed(InetAddress source, String user, String detail) {
        failures.increment();
        Instant now = clock.instant();
        if (sources.size() >= policy.maxTrackedSources()) {
            forgetQuietSources(now);
        }
        Record record = sources.computeIfAbsent(source, address -> new Record(now));
        synchronized (record) {
            if (now.isAfter(record.windowStart.plus(policy.window()))) {
                record.windowStart = now;
                record.failures = 0;
            }
            record.failures++;
            if (record.failures >= policy.blockAfter() && record.blockedUntil == null) {
                record.blockedUntil = now.plus(policy.blockFor());
                blocks.increment();
                LOG.warn("blocking {} for {} after {} failed authentications (last: user \"{}\", {})",
                        source.getHostAddress(), policy.blockFor(), record.failures, user, detail);
            }
        }
    }

    public void succeeded(InetAddress source) {
        sources.remove(source);
    }

    /** Whether {@code source} is blocked: its requests are dropped before any transaction is made for them. */
    public boolean isBlocked(InetAddress source) {
        return admit(source).kind() == Admission.Kind.BLOCKED;
    }

    private double blockedSources() {
        Instant now = clock.instant();
        return sources.values().stream().filter(r -> r.blockedUntil != null && now.isBefore(r.blockedUntil)).count();
    }

    private void forgetQuietSources(Instant now) {
        sources.entrySet().removeIf(entry -> {
            Record r = entry.getValue();
            return r.blockedUntil == null ? now.isAfter(r.windowStart.plus(policy.window())) : now.isAfter(r.blockedUntil);
        });
    }
}
