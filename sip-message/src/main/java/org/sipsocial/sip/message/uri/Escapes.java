package org.sipsocial.sip.message.uri;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.sipsocial.sip.message.SipSyntaxException;

/**
 * Percent-escapes of RFC 3261 §25.1 ({@code escaped = "%" HEXDIG HEXDIG}), decoded as UTF-8.
 * {@code %00} decodes to U+0000 and never truncates (RFC 4475 §3.1.1.4).
 */
public final class Escapes {
    private Escapes() {
    }

    /** Decodes every escape. @throws SipSyntaxException on a malformed escape */
    public static String decode(String s) {
        int pct = s.indexOf('%');
        if (pct < 0) return s;
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == '%') {
                if (i + 2 >= bytes.length) throw new SipSyntaxException("truncated escape", i);
                int hi = Character.digit(bytes[i + 1], 16);
                int lo = Character.digit(bytes[i + 2], 16);
                if (hi < 0 || lo < 0) throw new SipSyntaxException("bad escape", i);
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.write(b);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** True when every {@code %} in {@code s} starts a well-formed escape. */
    public static boolean wellFormed(String s) {
        for (int i = s.indexOf('%'); i >= 0; i = s.indexOf('%', i + 1)) {
            if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0
                    || Character.digit(s.charAt(i + 2), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Escapes every character of {@code s} that {@code allowed} does not accept. */
    public static String encode(String s, java.util.function.IntPredicate allowed) {
        StringBuilder out = null;
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (b < 128 && allowed.test(b)) {
                if (out != null) out.append((char) b);
            } else {
                if (out == null) out = new StringBuilder(new String(bytes, 0, i, StandardCharsets.UTF_8));
                out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 15, 16)));
            }
        }
        return out == null ? s : out.toString();
    }
}
