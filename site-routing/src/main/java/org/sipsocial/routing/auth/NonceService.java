package org.sipsocial.routing.auth;

import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues the nonces of digest challenges and decides whether one may be used (RFC 7616 §3.3, §3.4, §5.4).
 *
 * <p>A nonce is {@code base64url(issued-at millis || 12 random bytes || HMAC-SHA256(key, both)[0..16])}: the
 * server recognises its own nonces without remembering them, and knows their age. Uses are remembered: each
 * must carry a nonce-count above the last one seen for that nonce, so a captured response cannot be replayed.
 * An authentic nonce past its lifetime is <em>stale</em>: the client is asked to retry with a fresh one
 * without the user being asked for the password again.
 */
public final class NonceService {
    /** How long a nonce may be used; a phone re-challenged after this gets {@code stale=true}. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);
    /** Remembered nonces at most: past this, the oldest are forgotten (and so can no longer be used). */
    public static final int MAX_TRACKED_NONCES = 100_000;

    private static final int TIME_BYTES = 8;
    private static final int RANDOM_BYTES = 12;
    private static final int MAC_BYTES = 16;

    /** What a nonce is worth for one use with a given nonce-count. */
    public enum Verdict {
        /** Ours, within its lifetime, and the nonce-count is above every earlier use. */
        FRESH,
        /** Ours, but too old: challenge again with stale=true. */
        STALE,
        /** Ours and fresh, but this nonce-count was used already: a replay. */
        REPLAYED,
        /** Not a nonce we issued (or damaged). */
        UNKNOWN
    }

    private final Clock clock;
    private final SecureRandom random;
    private final Duration lifetime;
    private final byte[] key;
    private final Map<String, Long> highestCount = new ConcurrentHashMap<>();

    public NonceService(Clock clock, SecureRandom random, Duration lifetime) {
        this.clock = clock;
        this.random = random;
        this.lifetime = lifetime;
        this.key = new byte[32];
        random.nextBytes(key);
    }

    public String issue() {
        ByteBuffer body = ByteBuffer.allocate(TIME_BYTES + RANDOM_BYTES);
        body.putLong(clock.millis());
        byte[] randomPart = new byte[RANDOM_BYTES];
        random.nextBytes(randomPart);
        body.put(randomPart);
        byte[] mac = mac(body.array());
        byte[] nonce = Arrays.copyOf(body.array(), TIME_BYTES + RANDOM_BYTES + MAC_BYTES);
        System.arraycopy(mac, 0, nonce, TIME_BYTES + RANDOM_BYTES, MAC_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
    }

    /** Judges one use of {@code nonce} with {@code nonceCount}; a FRESH use is recorded. */
    public Verdict use(String nonce, long nonceCount) {
        Instant issued = issuedAt(nonce);
        if (issued == null || nonceCount < 1) {
            return Verdict.UNKNOWN;
        }
        Instant now = clock.instant();
        if (now.isAfter(issued.plus(lifetime)) || now.isBefore(issued.minus(Duration.ofMinutes(1)))) {
            highestCount.remove(nonce);
            return Verdict.STALE;
        }
        forgetOldNonces(now);
        boolean[] fresh = {false};
        highestCount.compute(nonce, (n, highest) -> {
            if (highest == null || nonceCount > highest) {
                fresh[0] = true;
                return nonceCount;
            }
            return highest;
        });
        return fresh[0] ? Verdict.FRESH : Verdict.REPLAYED;
    }

    /** Nonces whose uses are remembered now (at most {@link #MAX_TRACKED_NONCES}). */
    public int trackedNonces() {
        return highestCount.size();
    }

    /** The time {@code nonce} was issued, if it is authentically ours; null otherwise. */
    Instant issuedAt(String nonce) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (raw.length != TIME_BYTES + RANDOM_BYTES + MAC_BYTES) {
            return null;
        }
        byte[] body = Arrays.copyOf(raw, TIME_BYTES + RANDOM_BYTES);
        byte[] expected = Arrays.copyOf(mac(body), MAC_BYTES);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(raw, TIME_BYTES + RANDOM_BYTES, raw.length))) {
            return null;
        }
        return Instant.ofEpochMilli(ByteBuffer.wrap(raw).getLong());
    }

    private void forgetOldNonces(Instant now) {
        if (highestCount.size() < MAX_TRACKED_NONCES) {
            return;
        }
        highestCount.keySet().removeIf(nonce -> {
            Instant issued = issuedAt(nonce);
            return issued == null || now.isAfter(issued.plus(lifetime));
        });
        if (highestCount.size() >= MAX_TRACKED_NONCES) {
            highestCount.clear();
        }
    }

    /** One keyed HMAC per thread: every challenge issues nonces, and a Mac costs a provider look-up to make. */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    private byte[] mac(byte[] body) {
        return macs.get().doFinal(body);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is missing from this Java platform", e);
        }
    }
}
