package org.sipsocial.store;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * The administrator's console password as the store keeps it: an Argon2id hash (RFC 9106) in the PHC string
 * format, {@code $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>} (unpadded base64), so that the cost
 * travels with the hash and can be raised later. New hashes use {@link #COST}: OWASP's Argon2id setting (19 MiB,
 * 2 passes, 1 lane), light enough to check at each login and heavy enough to make a stolen hash costly.
 */
public final class AdminPasswordHash {
    public static final Argon2idCost COST = new Argon2idCost(19 * 1024, 2, 1);
    /** Shorter passwords are refused: this one guards the whole site from the browser. */
    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 1024;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,3}),p=(\\d{1,3})\\$([A-Za-z0-9+/]{11,88})\\$([A-Za-z0-9+/]{43,88})");
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();

    private final String encoded;

    private AdminPasswordHash(String encoded) {
        this.encoded = encoded;
    }

    /** Hashes {@code password} (which the caller wipes) with a fresh salt, after checking it is long enough. */
    public static AdminPasswordHash of(char[] password, SecureRandom random) {
        check(password);
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = argon2id(password, COST, salt, HASH_BYTES);
        return new AdminPasswordHash("$argon2id$v=19$m=" + COST.memoryKiB() + ",t=" + COST.iterations() + ",p="
                + COST.parallelism() + "$" + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(hash));
    }

    /** A hash as stored; one that does not read as Argon2id in the PHC format means a damaged store. */
    public static AdminPasswordHash parse(String encoded) {
        if (!PHC.matcher(encoded).matches()) {
            throw new StoreException(StoreFailure.STORE_DAMAGED, "the stored admin password hash is not an Argon2id hash");
        }
        return new AdminPasswordHash(encoded);
    }

    /** Refuses a password too short or too long to be the administrator's, saying what to fix. */
    public static void check(char[] password) {
        if (password.length < MIN_LENGTH) {
            throw new StoreException(StoreFailure.BAD_PASSWORD,
                    "the admin password is too short: use at least " + MIN_LENGTH + " characters");
        }
        if (password.length > MAX_LENGTH) {
            throw new StoreException(StoreFailure.BAD_PASSWORD,
                    "the admin password is longer than " + MAX_LENGTH + " characters");
        }
    }

    /** Whether {@code password} is the one hashed, compared in constant time. */
    public boolean matches(char[] password) {
        if (password.length == 0 || password.length > MAX_LENGTH) {
            return false;
        }
        Matcher parts = PHC.matcher(encoded);
        if (!parts.matches()) {
            return false;
        }
        Argon2idCost cost = new Argon2idCost(Integer.parseInt(parts.group(1)), Integer.parseInt(parts.group(2)),
                Integer.parseInt(parts.group(3)));
        byte[] expected = Base64.getDecoder().decode(parts.group(5));
        byte[] actual = argon2id(password, cost, Base64.getDecoder().decode(parts.group(4)), expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /** The PHC string, as stored. It holds no secret but is still kept only in the encrypted store. */
    public String encoded() {
        return encoded;
    }

    @Override
    public String toString() {
        return "AdminPasswordHash[argon2id]";
    }

    private static byte[] argon2id(char[] password, Argon2idCost cost, byte[] salt, int length) {
        ByteBuffer utf8 = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] secret = new byte[utf8.remaining()];
        utf8.get(secret);
        Arrays.fill(utf8.array(), (byte) 0);
        try {
            Argon2BytesGenerator argon2 = new Argon2BytesGenerator();
            argon2.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                    .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                    .withMemoryAsKB(cost.memoryKiB())
                    .withIterations(cost.iterations())
                    .withParallelism(cost.parallelism())
                    .withSalt(salt)
                    .build());
            byte[] hash = new byte[length];
            argon2.generateBytes(secret, hash);
            return hash;
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }
}
