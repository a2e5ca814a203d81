package org.sipsocial.routing.federation;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a value of this site (a phone's Contact, a Call-ID made by a phone) into an opaque token that only
 * this site can open, so that what crosses a link names nothing of the LAN and yet needs no mapping table:
 * the token carries its value, encrypted and authenticated.
 *
 * <p>Deterministic authenticated encryption in the synthetic-IV construction (RFC 5297 §1.3.2's idea, built
 * from JDK primitives): the IV is HMAC-SHA256 of the value under one key, the value is encrypted with
 * AES-256-GCM under another. The same value always gives the same token (a dialog's Call-ID and Contact
 * stay stable across its requests); a token that was not made here, or was altered, does not open. The keys
 * are made at random when the site starts: tokens do not outlive a run of the site.
 */
public final class OpaqueTokens {
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec macKey;
    private final SecretKeySpec encryptionKey;

    public OpaqueTokens(SecureRandom random) {
        byte[] mac = new byte[32];
        byte[] enc = new byte[32];
        random.nextBytes(mac);
        random.nextBytes(enc);
        this.macKey = new SecretKeySpec(mac, "HmacSHA256");
        this.encryptionKey = new SecretKeySpec(enc, "AES");
    }

    /** The token for {@code value}: base64url without padding, usable as a URI user part and as a Call-ID word. */
    public String seal(String value) {
        byte[] plain = value.getBytes(StandardCharsets.UTF_8);
        try {
            byte[] iv = Arrays.copyOf(mac(plain), IV_BYTES);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plain);
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return ENCODER.encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM and HMAC-SHA256 are part of every JDK", e);
        }
    }

    /** The value sealed in {@code token}, or empty when it is not a token of this site (or was altered). */
    public Optional<String> open(String token) {
        byte[] raw;
        try {
            raw = DECODER.decode(token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (raw.length < IV_BYTES + TAG_BITS / 8) {
            return Optional.empty();
        }
        byte[] iv = Arrays.copyOf(raw, IV_BYTES);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, iv));
            byte[] plain = cipher.doFinal(raw, IV_BYTES, raw.length - IV_BYTES);
            if (!Arrays.equals(iv, Arrays.copyOf(mac(plain), IV_BYTES))) {
                return Optional.empty();
            }
            return Optional.of(new String(plain, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] plain) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(macKey);
        return mac.doFinal(plain);
    }
}
