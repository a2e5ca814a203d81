package org.sipsocial.store;

/**
 * The cost of Argon2id (RFC 9106) when it turns the passphrase into the key that wraps the data key.
 * The default follows RFC 9106 §4's second recommended option (64 MiB, 3 passes), with one lane since a
 * site machine may have few cores. The cost is written beside the wrapped key, so it can be raised later.
 */
public record Argon2idCost(int memoryKiB, int iterations, int parallelism) {
    public static final Argon2idCost DEFAULT = new Argon2idCost(64 * 1024, 3, 1);
    /** For tests only: fast, and still the same code path. */
    public static final Argon2idCost FOR_TESTS = new Argon2idCost(1024, 1, 1);

    public static final int MIN_MEMORY_KIB = 8;
    public static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;
    public static final int MAX_ITERATIONS = 64;
    public static final int MAX_PARALLELISM = 16;

    public Argon2idCost {
        if (memoryKiB < MIN_MEMORY_KIB || memoryKiB > MAX_MEMORY_KIB || iterations < 1 || iterations > MAX_ITERATIONS
                || parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new StoreException(StoreFailure.STORE_DAMAGED, "Argon2id cost out of bounds: memory " + memoryKiB
                    + " KiB, " + iterations + " passes, " + parallelism + " lanes");
        }
    }
}
