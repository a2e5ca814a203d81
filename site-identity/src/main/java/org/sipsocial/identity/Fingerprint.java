package org.sipsocial.identity;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The SHA-256 fingerprint of a certificate's DER encoding: the one value two administrators compare out of band.
 * SHA-256 only (DESIGN principle 8); printed as OpenSSL prints it so that either side can cross-check with
 * {@code openssl x509 -noout -fingerprint -sha256}.
 */
public final class Fingerprint {
    public static final int LENGTH = 32;
    /** How OpenSSL 3 starts the line it prints for {@code -fingerprint -sha256}. */
    public static final String OPENSSL_PREFIX = "sha256 Fingerprint=";

    private static final HexFormat COLON_HEX = HexFormat.ofDelimiter(":").withUpperCase();
    private final byte[] digest;

    private Fingerprint(byte[] digest) {
        this.digest = digest;
    }

    public static Fingerprint of(X509Certificate certificate) {
        try {
            return new Fingerprint(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IdentityException(IdentityFailure.PLATFORM, "cannot compute a SHA-256 fingerprint", e);
        }
    }

    /**
     * Reads a fingerprint as an administrator may type it: with or without colons or spaces, any case,
     * optionally behind OpenSSL's {@code sha256 Fingerprint=}.
     */
    public static Fingerprint parse(String text) {
        String hex = text.trim();
        int equals = hex.indexOf('=');
        if (equals >= 0 && hex.substring(0, equals).trim().equalsIgnoreCase("sha256 Fingerprint")) {
            hex = hex.substring(equals + 1);
        }
        hex = hex.replaceAll("[:\\s]", "");
        if (hex.length() != 2 * LENGTH || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IdentityException(IdentityFailure.BAD_FINGERPRINT,
                    "bad fingerprint \"" + text.trim() + "\": a SHA-256 fingerprint is 64 hexadecimal digits");
        }
        return new Fingerprint(HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT)));
    }

    /** {@code AB:CD:...}, 32 upper-case pairs. */
    public String colonHex() {
        return COLON_HEX.formatHex(digest);
    }

    /** The exact line {@code openssl x509 -noout -fingerprint -sha256} prints. */
    public String opensslLine() {
        return OPENSSL_PREFIX + colonHex();
    }

    /**
     * The fingerprint in short blocks for reading aloud over the phone: four lines of four blocks of four
     * hexadecimal digits, each line numbered.
     */
    public String spokenBlocks() {
        String hex = HexFormat.of().withUpperCase().formatHex(digest);
        StringBuilder out = new StringBuilder();
        for (int line = 0; line < 4; line++) {
            out.append(line + 1).append(": ");
            for (int block = 0; block < 4; block++) {
                int start = (line * 4 + block) * 4;
                out.append(hex, start, start + 4);
                if (block < 3) {
                    out.append(' ');
                }
            }
            if (line < 3) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Fingerprint && MessageDigest.isEqual(((Fingerprint) other).digest, digest);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return colonHex();
    }
}
