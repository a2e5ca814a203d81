package org.sipsocial.media;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * One master key and salt for one direction of one call (RFC 3711 §8.1: never reused for another stream), with its
 * suite, and its SDES form {@code inline:<base64 key||salt>} (RFC 4568 §6.1).
 */
public final class SrtpKey {
    private final SrtpSuite suite;
    private final byte[] key;
    private final byte[] salt;

    private SrtpKey(SrtpSuite suite, byte[] key, byte[] salt) {
        this.suite = suite;
        this.key = key;
        this.salt = salt;
    }

    /** A fresh random key and salt. */
    public static SrtpKey random(SrtpSuite suite, SecureRandom random) {
        byte[] key = new byte[suite.keyBytes()];
        byte[] salt = new byte[suite.saltBytes()];
        random.nextBytes(key);
        random.nextBytes(salt);
        return new SrtpKey(suite, key, salt);
    }

    /**
     * The key in an SDES key-params value ({@code inline:KEY||SALT} with optional {@code |lifetime|MKI}, which this
     * relay does not use).
     *
     * @throws IllegalArgumentException when it is not base64 of the suite's key and salt length
     */
    public static SrtpKey parseInline(SrtpSuite suite, String keyParams) {
        if (!keyParams.startsWith("inline:")) {
            throw new IllegalArgumentException("SDES key params must start with inline:");
        }
        String value = keyParams.substring("inline:".length());
        int bar = value.indexOf('|');
        byte[] both = Base64.getDecoder().decode(bar < 0 ? value : value.substring(0, bar));
        if (both.length != suite.keyBytes() + suite.saltBytes()) {
            throw new IllegalArgumentException(suite + " needs " + (suite.keyBytes() + suite.saltBytes())
                    + " bytes of key and salt, not " + both.length);
        }
        return new SrtpKey(suite, Arrays.copyOf(both, suite.keyBytes()),
                Arrays.copyOfRange(both, suite.keyBytes(), both.length));
    }

    public SrtpSuite suite() {
        return suite;
    }

    byte[] key() {
        return key.clone();
    }

    byte[] salt() {
        return salt.clone();
    }

    /** {@code inline:<base64>} for an {@code a=crypto} line. */
    public String inline() {
        byte[] both = Arrays.copyOf(key, key.length + salt.length);
        System.arraycopy(salt, 0, both, key.length, salt.length);
        return "inline:" + Base64.getEncoder().encodeToString(both);
    }

    /** The same suite, key and salt (compared in constant time). */
    @Override
    public boolean equals(Object other) {
        return other instanceof SrtpKey that && suite == that.suite
                && java.security.MessageDigest.isEqual(key, that.key) && java.security.MessageDigest.isEqual(salt, that.salt);
    }

    @Override
    public int hashCode() {
        return suite.hashCode();
    }

    @Override
    public String toString() {
        return suite + " key (secret)";
    }
}
