package org.sipsocial.routing.auth;

import java.time.Duration;

/**
 * How hard a source that keeps failing authentication is pushed back: after {@code slowAfter} failures within
 * {@code window} its answers are delayed (doubling from {@code firstDelay} up to {@code maxDelay}); after
 * {@code blockAfter} failures it is blocked (its requests dropped unanswered) for {@code blockFor}.
 */
public record AuthFailurePolicy(int slowAfter, int blockAfter, Duration window, Duration firstDelay, Duration maxDelay,
        Duration blockFor, int maxTrackedSources) {

    /** A phone with a mistyped password fails a few times a minute; a scanner fails hundreds of times. */
    public static final AuthFailurePolicy DEFAULT = new AuthFailurePolicy(3, 10, Duration.ofMinutes(5),
            Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofMinutes(15), 100_000);

    public AuthFailurePolicy {
        if (slowAfter < 1 || blockAfter <= slowAfter || window.isNegative() || window.isZero() || firstDelay.isNegative()
                || maxDelay.compareTo(firstDelay) < 0 || blockFor.isNegative() || maxTrackedSources < 1) {
            throw new IllegalArgumentException("inconsistent authentication failure policy: " + this);
        }
    }
}
