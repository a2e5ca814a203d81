package org.sipsocial.routing.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import org.sipsocial.store.DigestCredentials;

/**
 * The digest algorithms a site offers, strongest first: SHA-256 (RFC 7616 §3.2, RFC 8760 §2.1 for SIP) and
 * MD5 (RFC 2617), which older phones still need. The {@code -sess} variants are not offered.
 */
public enum DigestAlgorithm {
    SHA_256("SHA-256", "SHA-256"),
    MD5("MD5", "MD5");

    private final String token;
    private final String javaName;

    DigestAlgorithm(String token, String javaName) {
        this.token = token;
        this.javaName = javaName;
    }

    /** The value of the {@code algorithm} directive. */
    public String token() {
        return token;
    }

    /** RFC 7616 §3.4.1: an absent algorithm directive means MD5. */
    public static Optional<DigestAlgorithm> fromDirective(String value) {
        if (value == null) {
            return Optional.of(MD5);
        }
        for (DigestAlgorithm algorithm : values()) {
            if (algorithm.token.equalsIgnoreCase(value)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    /** The algorithm named by its directive value exactly ({@code SHA-256}, {@code MD5}). */
    public static DigestAlgorithm ofToken(String token) {
        for (DigestAlgorithm algorithm : values()) {
            if (algorithm.token.equalsIgnoreCase(token)) {
                return algorithm;
            }
        }
        throw new IllegalArgumentException("unknown digest algorithm " + token);
    }

    /** H(data): the lower-case hexadecimal digest of the UTF-8 bytes. */
    public String hash(String data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(javaName).digest(data.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(javaName + " is missing from this Java platform", e);
        }
    }

    /** The stored HA1 for this algorithm. */
    public String ha1(DigestCredentials credentials) {
        return this == SHA_256 ? credentials.ha1Sha256() : credentials.ha1Md5();
    }
}
