package org.sipsocial.routing.registrar;

import java.time.Duration;

/**
 * Registration lifetimes (RFC 3261 §10.2.1.1, §10.3 step 7): a Contact without {@code expires} and a REGISTER
 * without Expires get {@code defaultExpires}; shorter than {@code minExpires} (but not zero) is refused with
 * 423 Interval Too Brief and Min-Expires; longer than {@code maxExpires} is shortened. At most
 * {@code maxBindingsPerAor} contacts per AOR.
 */
public record RegistrarPolicy(Duration minExpires, Duration defaultExpires, Duration maxExpires, int maxBindingsPerAor) {
    public static final RegistrarPolicy DEFAULT =
            new RegistrarPolicy(Duration.ofSeconds(60), Duration.ofSeconds(3600), Duration.ofSeconds(7200), 16);

    public RegistrarPolicy {
        if (minExpires.isNegative() || defaultExpires.compareTo(minExpires) < 0 || maxExpires.compareTo(defaultExpires) < 0
                || maxBindingsPerAor < 1) {
            throw new IllegalArgumentException("inconsistent registrar policy: " + this);
        }
    }
}
