package org.sipsocial.sip.transaction;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.sipsocial.sip.message.header.Via;

/**
 * New Via branch values, RFC 3261 §8.1.1.7: unique across space and time for every request this
 * element sends (a CANCEL and the ACK for a non-2xx excepted, which reuse their INVITE's), and
 * starting with the magic cookie {@code z9hG4bK}. 64 random bits follow the cookie.
 */
public final class Branch {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Branch() {
    }

    /** A fresh branch: {@code z9hG4bK} and 16 hexadecimal digits. */
    public static String create() {
        byte[] bits = new byte[8];
        RANDOM.nextBytes(bits);
        return Via.MAGIC_COOKIE + HexFormat.of().formatHex(bits);
    }
}
