package org.sipsocial.store;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * The site's random 256-bit data key. It never touches the disk in the clear: {@link WrappedDataKey} keeps it
 * wrapped under the passphrase. Every secret the site stores is protected by a sub-key derived from it with
 * HKDF-SHA256 (RFC 5869), one label per use, so that no two uses share a key.
 */
public final class DataKey implements AutoCloseable {
    public static final int LENGTH = 32;
    static final String DATABASE_LABEL = "sipsocial/v1/h2-file-cipher";
    static final String KEYSTORE_LABEL = "sipsocial/v1/pkcs12-password";

    private final byte[] key;

    DataKey(byte[] key) {
        if (key.length != LENGTH) {
            throw new IllegalArgumentException("a data key is " + LENGTH + " bytes");
        }
        this.key = key;
    }

    public static DataKey generate(SecureRandom random) {
        byte[] key = new byte[LENGTH];
        random.nextBytes(key);
        return new DataKey(key);
    }

    byte[] bytes() {
        return key;
    }

    /** HKDF-Expand of the data key under {@code label}. */
    byte[] derive(String label, int length) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(key, null, label.getBytes(StandardCharsets.US_ASCII)));
        byte[] out = new byte[length];
        hkdf.generateBytes(out, 0, length);
        return out;
    }

    /** The file password of H2's {@code CIPHER=AES} (hexadecimal, as H2 reads it as characters). */
    char[] databaseFilePassword() {
        byte[] derived = derive(DATABASE_LABEL, 32);
        char[] password = HexFormat.of().formatHex(derived).toCharArray();
        Arrays.fill(derived, (byte) 0);
        return password;
    }

    /** The password of the PKCS#12 keystore that holds the site's private key. */
    public char[] keystorePassword() {
        byte[] derived = derive(KEYSTORE_LABEL, 32);
        char[] password = Base64.getEncoder().withoutPadding().encodeToString(derived).toCharArray();
        Arrays.fill(derived, (byte) 0);
        return password;
    }

    @Override
    public void close() {
        Arrays.fill(key, (byte) 0);
    }
}
