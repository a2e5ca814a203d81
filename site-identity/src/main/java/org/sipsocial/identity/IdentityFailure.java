package org.sipsocial.identity;

/** Everything that can go wrong with a site's identity, each with the words an administrator reads. */
public enum IdentityFailure {
    /** A site name that is not a host name (RFC 1123 §2.1 labels). */
    BAD_SITE_NAME,
    /** A certificate file that cannot be read or is not one X.509 certificate in PEM or DER. */
    BAD_CERTIFICATE,
    /** A fingerprint that is not 32 bytes of hexadecimal. */
    BAD_FINGERPRINT,
    /** The keystore cannot be read with the key that should open it. */
    KEYSTORE_UNREADABLE,
    /** The platform lacks an algorithm we rely on (ECDSA P-256, SHA-256, PKCS#12). */
    PLATFORM
}
