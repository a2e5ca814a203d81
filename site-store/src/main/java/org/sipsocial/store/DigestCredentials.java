package org.sipsocial.store;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * What SIP digest authentication needs of a user's password, and nothing more: the two HA1 values of
 * RFC 7616 §3.4.2, {@code H(username ":" realm ":" password)}, for SHA-256 (RFC 8760) and for MD5 (RFC 2617,
 * which old phones still speak). The password itself is never stored.
 */
public record DigestCredentials(String userName, String realm, String ha1Md5, String ha1Sha256) {

    public static DigestCredentials of(UserName user, String realm, char[] password) {
        byte[] secret = utf8(user + ":" + realm + ":", password);
        try {
            return new DigestCredentials(user.toString(), realm, hex("MD5", secret), hex("SHA-256", secret));
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private static byte[] utf8(String prefix, char[] password) {
        CharBuffer chars = CharBuffer.allocate(prefix.length() + password.length);
        chars.put(prefix).put(password).flip();
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(chars);
        Arrays.fill(chars.array(), '\0');
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        Arrays.fill(encoded.array(), (byte) 0);
        return bytes;
    }

    private static String hex(String algorithm, byte[] input) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(input));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this Java platform", e);
        }
    }
}
