package org.sipsocial.store;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Properties;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * The data key as it lives on disk: encrypted with AES-256-GCM under a key-encryption key that Argon2id
 * (RFC 9106) derives from the administrator's passphrase and a random salt. The file records the format,
 * the Argon2id cost, the salt and the nonce; all of them are bound into the GCM tag as associated data, so a
 * file whose cost or salt was tampered with fails like a wrong passphrase.
 */
public final class WrappedDataKey {
    static final String FORMAT = "sipsocial-wrapped-data-key-1";
    static final int SALT_LENGTH = 16;
    /** NIST SP 800-38D §8.2: a 96-bit nonce, random, used once per wrap. */
    static final int NONCE_LENGTH = 12;
    static final int TAG_BITS = 128;

    private WrappedDataKey() {
    }

    public static byte[] wrap(DataKey dataKey, Passphrase passphrase, Argon2idCost cost, SecureRandom random) {
        byte[] salt = new byte[SALT_LENGTH];
        byte[] nonce = new byte[NONCE_LENGTH];
        random.nextBytes(salt);
        random.nextBytes(nonce);
        Properties file = new Properties();
        file.setProperty("format", FORMAT);
        file.setProperty("kdf", "argon2id");
        file.setProperty("argon2.memory-kib", Integer.toString(cost.memoryKiB()));
        file.setProperty("argon2.iterations", Integer.toString(cost.iterations()));
        file.setProperty("argon2.parallelism", Integer.toString(cost.parallelism()));
        file.setProperty("salt", Base64.getEncoder().encodeToString(salt));
        file.setProperty("cipher", "AES-256-GCM");
        file.setProperty("nonce", Base64.getEncoder().encodeToString(nonce));
        byte[] wrapped = crypt(Cipher.ENCRYPT_MODE, passphrase, cost, salt, nonce, dataKey.bytes());
        file.setProperty("wrapped-key", Base64.getEncoder().encodeToString(wrapped));
        StringWriter text = new StringWriter();
        try {
            file.store(text, "The site's data key, wrapped under the administrator's passphrase. Keep a backup.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    public static DataKey unwrap(byte[] content, Passphrase passphrase) {
        Properties file = new Properties();
        try {
            file.load(new StringReader(new String(content, StandardCharsets.ISO_8859_1)));
            if (!FORMAT.equals(file.getProperty("format"))) {
                throw damaged("it is not a SIPsocial wrapped data key (format " + file.getProperty("format") + ")");
            }
            Argon2idCost cost = new Argon2idCost(intOf(file, "argon2.memory-kib"), intOf(file, "argon2.iterations"),
                    intOf(file, "argon2.parallelism"));
            byte[] salt = Base64.getDecoder().decode(file.getProperty("salt", ""));
            byte[] nonce = Base64.getDecoder().decode(file.getProperty("nonce", ""));
            byte[] wrapped = Base64.getDecoder().decode(file.getProperty("wrapped-key", ""));
            if (salt.length != SALT_LENGTH || nonce.length != NONCE_LENGTH) {
                throw damaged("its salt or nonce has the wrong length");
            }
            return new DataKey(crypt(Cipher.DECRYPT_MODE, passphrase, cost, salt, nonce, wrapped));
        } catch (IOException | IllegalArgumentException e) {
            throw damaged("it cannot be read (" + e.getMessage() + ")");
        }
    }

    private static int intOf(Properties file, String key) {
        try {
            return Integer.parseInt(file.getProperty(key, ""));
        } catch (NumberFormatException e) {
            throw damaged("\"" + key + "\" is not a number");
        }
    }

    private static byte[] crypt(int mode, Passphrase passphrase, Argon2idCost cost, byte[] salt, byte[] nonce,
            byte[] input) {
        byte[] kek = keyEncryptionKey(passphrase, cost, salt);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(cost, salt));
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new StoreException(StoreFailure.WRONG_PASSPHRASE, "wrong passphrase: it does not open this site");
        } catch (GeneralSecurityException e) {
            throw damaged("AES-GCM failed: " + e.getMessage());
        } finally {
            Arrays.fill(kek, (byte) 0);
        }
    }

    private static byte[] associatedData(Argon2idCost cost, byte[] salt) {
        String bound = FORMAT + "|argon2id|" + cost.memoryKiB() + "|" + cost.iterations() + "|" + cost.parallelism()
                + "|" + Base64.getEncoder().encodeToString(salt);
        return bound.getBytes(StandardCharsets.US_ASCII);
    }

    /** RFC 9106 Argon2id, version 0x13, producing a 256-bit key-encryption key. */
    private static byte[] keyEncryptionKey(Passphrase passphrase, Argon2idCost cost, byte[] salt) {
        Argon2BytesGenerator argon2 = new Argon2BytesGenerator();
        argon2.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(cost.memoryKiB())
                .withIterations(cost.iterations())
                .withParallelism(cost.parallelism())
                .withSalt(salt)
                .build());
        byte[] secret = passphrase.utf8();
        byte[] kek = new byte[32];
        try {
            argon2.generateBytes(secret, kek);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
        return kek;
    }

    private static StoreException damaged(String why) {
        return new StoreException(StoreFailure.STORE_DAMAGED, "the wrapped data key is damaged: " + why);
    }
}
