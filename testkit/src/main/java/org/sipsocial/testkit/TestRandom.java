package org.sipsocial.testkit;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/** A repeatable random source for tests that want the same keys and salts on every run. */
public final class TestRandom {
    private TestRandom() {
    }

    public static SecureRandom seeded(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
