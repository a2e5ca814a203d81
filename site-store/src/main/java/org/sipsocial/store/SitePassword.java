package org.sipsocial.store;

import java.security.SecureRandom;

/** Rules for SIP passwords, and the generator of strong ones. */
public final class SitePassword {
    public static final int MAX_LENGTH = 128;
    /** 20 characters from 54 symbols: about 115 bits, typed into a phone without ambiguity (no 0/O, 1/l/I). */
    public static final int GENERATED_LENGTH = 20;
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private SitePassword() {
    }

    public static char[] generate(SecureRandom random) {
        char[] password = new char[GENERATED_LENGTH];
        for (int i = 0; i < password.length; i++) {
            password[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return password;
    }

    /** Refuses a password no phone could be configured with. */
    public static char[] check(char[] password) {
        if (password.length == 0) {
            throw new StoreException(StoreFailure.BAD_PASSWORD, "the password is empty");
        }
        if (password.length > MAX_LENGTH) {
            throw new StoreException(StoreFailure.BAD_PASSWORD, "the password is longer than " + MAX_LENGTH + " characters");
        }
        for (char c : password) {
            if (Character.isISOControl(c)) {
                throw new StoreException(StoreFailure.BAD_PASSWORD, "the password contains a control character");
            }
        }
        return password;
    }
}
