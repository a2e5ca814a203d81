package org.sipsocial.sip.message.sdp;

import org.sipsocial.sip.message.SipSyntaxException;

/**
 * SDES key, RFC 4568 §9.1:
 * {@code a=crypto:<tag> 1*WSP <crypto-suite> 1*WSP <key-params> *(1*WSP <session-param>)}.
 * {@code keyParams} is e.g. {@code inline:<key||salt>[|lifetime][|MKI:length]};
 * {@code sessionParams} is empty when absent.
 */
public record Crypto(int tag, String suite, String keyParams, String sessionParams) {
    /** @throws SipSyntaxException when malformed */
    public static Crypto parse(String value) {
        String[] f = value.strip().split("[ \t]+", 4);
        if (f.length < 3) throw new SipSyntaxException("crypto needs tag, suite and key-params", 0);
        int tag = Rtpmap.number(f[0], 999_999_999);
        if (!f[2].contains(":")) throw new SipSyntaxException("key-params need a method, e.g. inline:", 0);
        return new Crypto(tag, f[1], f[2], f.length == 4 ? f[3] : "");
    }

    /** The key method, e.g. {@code inline}. */
    public String keyMethod() {
        return keyParams.substring(0, keyParams.indexOf(':'));
    }

    @Override
    public String toString() {
        return tag + " " + suite + " " + keyParams + (sessionParams.isEmpty() ? "" : " " + sessionParams);
    }
}
