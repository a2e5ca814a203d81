package org.sipsocial.link.relay;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.sipsocial.identity.SiteName;

/**
 * What a site's administrator allows it to relay (issue 15): relaying on or off (off by default), the sites it
 * relays for and to ({@code relay-allow}; both ends must be on it, and on the Network Connection list), and its
 * bounds: how many relayed links at once and how many bytes a second all of them together.
 *
 * @param on             {@code relay = on}
 * @param allowed        the sites on {@code relay-allow}, compared ignoring case
 * @param maxLinks       {@code relay-max-links}: relayed links carried at once ({@value #DEFAULT_MAX_LINKS}; 1 to
 *                       {@value #MAX_MAX_LINKS})
 * @param bytesPerSecond {@code relay-bytes-per-second}: all relayed bytes together, both ways
 *                       ({@value #DEFAULT_BYTES_PER_SECOND}; {@value #MIN_BYTES_PER_SECOND} to
 *                       {@value #MAX_BYTES_PER_SECOND})
 */
public record RelayPolicy(boolean on, Set<SiteName> allowed, int maxLinks, long bytesPerSecond) {
    public static final int DEFAULT_MAX_LINKS = 8;
    public static final int MAX_MAX_LINKS = 1000;
    public static final long DEFAULT_BYTES_PER_SECOND = 2_000_000;
    public static final long MIN_BYTES_PER_SECOND = 10_000;
    public static final long MAX_BYTES_PER_SECOND = 1_000_000_000;
    /** Relaying off, as every site starts. */
    public static final RelayPolicy OFF = new RelayPolicy(false, Set.of(), DEFAULT_MAX_LINKS, DEFAULT_BYTES_PER_SECOND);

    public RelayPolicy {
        allowed = Set.copyOf(Objects.requireNonNull(allowed, "allowed"));
        if (maxLinks < 1 || maxLinks > MAX_MAX_LINKS) {
            throw new IllegalArgumentException("relay-max-links " + maxLinks + " is not between 1 and " + MAX_MAX_LINKS);
        }
        if (bytesPerSecond < MIN_BYTES_PER_SECOND || bytesPerSecond > MAX_BYTES_PER_SECOND) {
            throw new IllegalArgumentException("relay-bytes-per-second " + bytesPerSecond + " is not between "
                    + MIN_BYTES_PER_SECOND + " and " + MAX_BYTES_PER_SECOND);
        }
    }

    /**
     * The decision on a request to relay a link between {@code asker} and {@code target}.
     *
     * @param targetListed whether the target is on this site's Network Connection list
     * @param targetLinked whether a link with the target is up (the relay asks the target over it)
     * @param carried      how many relayed links this site carries now
     * @return empty when the link may be relayed, else why not
     */
    public Optional<RelayRefusal> decide(SiteName asker, SiteName target, boolean targetListed, boolean targetLinked,
                                         int carried) {
        if (!on) return Optional.of(RelayRefusal.RELAY_OFF);
        if (!allows(asker)) return Optional.of(RelayRefusal.ASKER_NOT_ALLOWED);
        if (!targetListed || !allows(target) || target.key().equals(asker.key())) {
            return Optional.of(RelayRefusal.TARGET_NOT_ALLOWED);
        }
        if (!targetLinked) return Optional.of(RelayRefusal.TARGET_NOT_LINKED);
        if (carried >= maxLinks) return Optional.of(RelayRefusal.RELAY_FULL);
        return Optional.empty();
    }

    private boolean allows(SiteName site) {
        for (SiteName a : allowed) {
            if (a.key().equals(site.key())) return true;
        }
        return false;
    }

    /** The allow-list as the administrator writes it: names separated by commas (and spaces). */
    public static Set<SiteName> parseAllowList(String text) {
        if (text == null || text.isBlank()) return Set.of();
        return java.util.Arrays.stream(text.split("[,\\s]+")).filter(s -> !s.isBlank()).map(SiteName::of)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The allow-list written back, sorted ignoring case. */
    public String allowList() {
        return allowed.stream().map(SiteName::toString).sorted((a, b) -> a.toLowerCase(Locale.ROOT)
                .compareTo(b.toLowerCase(Locale.ROOT))).collect(Collectors.joining(", "));
    }
}
