package org.sipsocial.sip.transaction;

import java.time.Duration;

/**
 * The timer constants of RFC 3261 §17.1.1.1 and Table 4 (Appendix A), as the RFC gives them.
 * These are the spec's values; what SIPsocial actually uses is {@link TimerSettings}, which starts
 * from them.
 *
 * <pre>
 * T1  500 ms   RTT estimate
 * T2  4 s      the maximum retransmit interval for non-INVITE requests and INVITE responses
 * T4  5 s      maximum duration a message will remain in the network
 * </pre>
 */
public final class Rfc3261Timers {
    /** T1, RFC 3261 §17.1.1.1: the round-trip time estimate. */
    public static final Duration T1 = Duration.ofMillis(500);
    /** T2, RFC 3261 §17.1.2.2: the maximum retransmit interval for non-INVITE requests and INVITE responses. */
    public static final Duration T2 = Duration.ofSeconds(4);
    /** T4, RFC 3261 §17.1.2.2: the maximum duration a message will remain in the network. */
    public static final Duration T4 = Duration.ofSeconds(5);
    /** Timer D on unreliable transports, RFC 3261 §17.1.1.2: "at least 32 seconds". */
    public static final Duration TIMER_D_UNRELIABLE = Duration.ofSeconds(32);
    /** The factor of T1 for Timers B, F, H, J (RFC 3261) and L, M (RFC 6026 §8.11): 64*T1. */
    public static final int TIMEOUT_FACTOR = 64;

    private Rfc3261Timers() {
    }
}
