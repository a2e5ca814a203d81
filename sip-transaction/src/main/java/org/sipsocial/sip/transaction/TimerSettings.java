package org.sipsocial.sip.transaction;

import java.time.Duration;
import java.util.Objects;

/**
 * The T1, T2 and T4 this site uses (RFC 3261 §17.1.1.1 lets an element raise T1 on high-latency
 * paths, e.g. site links over satellite), and from them the starting value of every timer of
 * {@link TimerName}. Defaults are the RFC's ({@link Rfc3261Timers}).
 *
 * <p>Bounds: T1 from 10 ms to 10 s; T2 from T1 to 60 s; T4 from 1 s to 60 s.
 *
 * @param t1 the round-trip time estimate
 * @param t2 the cap of the retransmission intervals of Timers E and G
 * @param t4 the time a message stays in the network (Timers I and K)
 */
public record TimerSettings(Duration t1, Duration t2, Duration t4) {
    public static final Duration MIN_T1 = Duration.ofMillis(10);
    public static final Duration MAX_T1 = Duration.ofSeconds(10);
    public static final Duration MAX_T2 = Duration.ofSeconds(60);
    public static final Duration MIN_T4 = Duration.ofSeconds(1);
    public static final Duration MAX_T4 = Duration.ofSeconds(60);

    /** The values of RFC 3261: T1 500 ms, T2 4 s, T4 5 s. */
    public static final TimerSettings DEFAULTS = new TimerSettings(Rfc3261Timers.T1, Rfc3261Timers.T2, Rfc3261Timers.T4);

    public TimerSettings {
        Objects.requireNonNull(t1, "t1");
        Objects.requireNonNull(t2, "t2");
        Objects.requireNonNull(t4, "t4");
        if (t1.compareTo(MIN_T1) < 0 || t1.compareTo(MAX_T1) > 0) {
            throw new IllegalArgumentException("T1 must be from " + MIN_T1 + " to " + MAX_T1 + ", not " + t1);
        }
        if (t2.compareTo(t1) < 0 || t2.compareTo(MAX_T2) > 0) {
            throw new IllegalArgumentException("T2 must be from T1 (" + t1 + ") to " + MAX_T2 + ", not " + t2);
        }
        if (t4.compareTo(MIN_T4) < 0 || t4.compareTo(MAX_T4) > 0) {
            throw new IllegalArgumentException("T4 must be from " + MIN_T4 + " to " + MAX_T4 + ", not " + t4);
        }
    }

    /**
     * The starting value of a timer (RFC 3261 Table 4, RFC 6026 §8.11). On a reliable transport
     * Timers D, I, J and K are zero (§17.1.1.2, §17.1.2.2, §17.2.1, §17.2.2); A, E and G are not
     * started at all there (see {@link TimerName#retransmits()}). Timer D is 32 s on unreliable
     * transports, or Timer B's 64*T1 when T1 was raised above 500 ms, so that the client
     * transaction outlives the server's retransmissions of the final response (Timer H).
     */
    public Duration initial(TimerName timer, boolean reliable) {
        Duration timeout = times(t1, Rfc3261Timers.TIMEOUT_FACTOR);
        switch (timer) {
            case A:
            case E:
            case G:
                return t1;
            case B:
            case F:
            case H:
            case L:
            case M:
                return timeout;
            case D:
                return reliable ? Duration.ZERO : max(Rfc3261Timers.TIMER_D_UNRELIABLE, timeout);
            case I:
            case K:
                return reliable ? Duration.ZERO : t4;
            case J:
                return reliable ? Duration.ZERO : timeout;
            default:
                throw new IllegalArgumentException("unknown timer " + timer);
        }
    }

    /** The next retransmission interval of Timer E in Trying or G in Completed: MIN(2 * interval, T2). */
    public Duration doubledUpToT2(Duration interval) {
        Duration doubled = times(interval, 2);
        return doubled.compareTo(t2) > 0 ? t2 : doubled;
    }

    /**
     * {@code d} times {@code factor} in long nanoseconds: {@link Duration#multipliedBy} goes through BigDecimal,
     * which cost every transaction a microsecond (issue 14). Timers here are at most minutes, far from overflow.
     */
    static Duration times(Duration d, long factor) {
        return Duration.ofNanos(Math.multiplyExact(d.toNanos(), factor));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
