package org.sipsocial.store;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The administrator's passphrase, held as characters so that it can be wiped after use. It comes from a file
 * or a terminal prompt, never from the command line (DESIGN principle 7).
 */
public final class Passphrase implements AutoCloseable {
    /** Shorter passphrases are refused at {@code init}: the data key is only as strong as what wraps it. */
    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 1024;

    private final char[] characters;

    private Passphrase(char[] characters) {
        this.characters = characters;
    }

    /** Takes ownership of {@code characters}; they are wiped on {@link #close()}. */
    public static Passphrase of(char[] characters) {
        if (characters.length == 0) {
            throw new StoreException(StoreFailure.NO_PASSPHRASE, "the passphrase is empty");
        }
        if (characters.length > MAX_LENGTH) {
            throw new StoreException(StoreFailure.NO_PASSPHRASE, "the passphrase is longer than " + MAX_LENGTH + " characters");
        }
        return new Passphrase(characters);
    }

    /** A passphrase as read from a file: see {@link SecretFileContent#decode(byte[])}. */
    public static Passphrase fromFileContent(byte[] content) {
        return of(SecretFileContent.decode(content));
    }

    /** Refuses a passphrase too short to protect a site. */
    public Passphrase requireStrongEnoughForNewSite() {
        if (characters.length < MIN_LENGTH) {
            throw new StoreException(StoreFailure.NO_PASSPHRASE,
                    "the passphrase is too short: use at least " + MIN_LENGTH + " characters");
        }
        return this;
    }

    /** The passphrase's UTF-8 bytes; the caller wipes them. */
    byte[] utf8() {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(characters));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        Arrays.fill(encoded.array(), (byte) 0);
        return bytes;
    }

    @Override
    public void close() {
        Arrays.fill(characters, '\0');
    }
}
