package org.sipsocial.admin.console;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Failed console logins, per source address: the first {@link #FREE_FAILURES} cost nothing; after that each
 * attempt must wait twice as long as the one before (1 s, 2 s, 4 s, ... up to {@link #MAX_DELAY}); after
 * {@link #BLOCK_AFTER} failures the address is blocked for {@link #BLOCK}. A refused attempt is refused before
 * the password is checked, so a flood costs no Argon2id work. A successful login clears the address; an address
 * with no failure for {@link #BLOCK} is forgotten.
 */
public final class LoginThrottle {
    static final int FREE_FAILURES = 2;
    static final int BLOCK_AFTER = 10;
    static final Duration MAX_DELAY = Duration.ofMinutes(1);
    static final Duration BLOCK = Duration.ofMinutes(15);
    /** Addresses remembered at most; the one least recently failed goes first. */
    static final int MAX_ADDRESSES = 4096;

    private final Clock clock;
    private final Map<String, Failures> failures = new LinkedHashMap<>(16, 0.75f, true);

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    private record Failures(int count, Instant last) {
    }

    /**
     * The source that failures are counted for: an IPv4 address, or the /64 an IPv6 address is in (one host
     * may hold a whole /64, and could otherwise try from a fresh address each time).
     */
    public static String source(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return address.getHostAddress();
        }
        byte[] prefix = Arrays.copyOf(Arrays.copyOf(bytes, 8), 16);
        try {
            return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Why an attempt from {@code source} may not be made now, in words for the login page; empty if it may. */
    public synchronized Optional<String> refusal(String source) {
        Failures seen = failures.get(source);
        if (seen == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (seen.count() >= BLOCK_AFTER) {
            Instant until = seen.last().plus(BLOCK);
            if (now.isBefore(until)) {
                return Optional.of("Logins from " + source + " are blocked after " + seen.count()
                        + " wrong passwords: try again in " + minutes(Duration.between(now, until)) + ".");
            }
            failures.remove(source);
            return Optional.empty();
        }
        Instant next = seen.last().plus(delayAfter(seen.count()));
        if (now.isBefore(next)) {
            return Optional.of("Too many wrong passwords from " + source + ": wait "
                    + seconds(Duration.between(now, next)) + " before the next try.");
        }
        return Optional.empty();
    }

    public synchronized void failed(String source) {
        Instant now = clock.instant();
        forgetOld(now);
        Failures seen = failures.get(source);
        failures.put(source, new Failures(seen == null ? 1 : seen.count() + 1, now));
    }

    public synchronized void succeeded(String source) {
        failures.remove(source);
    }

    static Duration delayAfter(int count) {
        if (count <= FREE_FAILURES) {
            return Duration.ZERO;
        }
        int doublings = Math.min(count - FREE_FAILURES - 1, 16);
        Duration delay = Duration.ofSeconds(1L << doublings);
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }

    private void forgetOld(Instant now) {
        for (Iterator<Failures> oldest = failures.values().iterator(); oldest.hasNext(); ) {
            Failures seen = oldest.next();
            if (!now.isBefore(seen.last().plus(BLOCK)) || failures.size() >= MAX_ADDRESSES) {
                oldest.remove();
            } else {
                return;
            }
        }
    }

    private static String seconds(Duration wait) {
        long s = Math.max(1, (wait.toMillis() + 999) / 1000);
        return s + (s == 1 ? " second" : " seconds");
    }

    private static String minutes(Duration wait) {
        long m = Math.max(1, (wait.toSeconds() + 59) / 60);
        return m + (m == 1 ? " minute" : " minutes");
    }
}
