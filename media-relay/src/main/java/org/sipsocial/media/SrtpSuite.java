package org.sipsocial.media;

import org.jitsi.srtp.SrtpPolicy;

/**
 * The SRTP crypto suites the relay speaks between sites, by their SDES names (RFC 4568 §6.2, RFC 7714 §14.2),
 * most preferred first. Each names its master key and salt lengths and its authentication tag.
 */
public enum SrtpSuite {
    /** RFC 7714: AES-128 in GCM, 96-bit salt, 16-byte tag; no separate authentication. */
    AEAD_AES_128_GCM(16, 12, 16),
    /** RFC 4568 §6.2.1: AES-128 counter mode, 112-bit salt, HMAC-SHA1 tag of 80 bits. */
    AES_CM_128_HMAC_SHA1_80(16, 14, 10);

    private final int keyBytes;
    private final int saltBytes;
    private final int tagBytes;

    SrtpSuite(int keyBytes, int saltBytes, int tagBytes) {
        this.keyBytes = keyBytes;
        this.saltBytes = saltBytes;
        this.tagBytes = tagBytes;
    }

    public int keyBytes() {
        return keyBytes;
    }

    public int saltBytes() {
        return saltBytes;
    }

    /** The SRTP policy of this suite, as jitsi-srtp takes it. */
    SrtpPolicy policy() {
        return this == AEAD_AES_128_GCM
                ? new SrtpPolicy(SrtpPolicy.AESGCM_ENCRYPTION, keyBytes, SrtpPolicy.NULL_AUTHENTICATION, 0, tagBytes, saltBytes)
                : new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, keyBytes, SrtpPolicy.HMACSHA1_AUTHENTICATION, 20, tagBytes, saltBytes);
    }

    /** The suite of an SDES name, or {@code null} when the relay does not speak it. */
    public static SrtpSuite of(String name) {
        for (SrtpSuite suite : values()) {
            if (suite.name().equals(name)) {
                return suite;
            }
        }
        return null;
    }
}
