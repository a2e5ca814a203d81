package org.sipsocial.bench.media;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.srtp.SrtpPolicy;
import org.jitsi.utils.logging2.LoggerImpl;
import org.sipsocial.media.PacketBuffer;

/**
 * The load generator's side of one SRTP direction of one call (AEAD_AES_128_GCM, RFC 7714), through jitsi-srtp as
 * the relay uses it: the "other site" protects what it sends and checks what it receives.
 */
final class Srtp implements AutoCloseable {
    /** RFC 7714 AEAD_AES_128_GCM: 16-byte key, 12-byte salt, 16-byte tag. */
    static final int KEY_BYTES = 16;
    static final int SALT_BYTES = 12;
    private static final SrtpPolicy GCM = new SrtpPolicy(SrtpPolicy.AESGCM_ENCRYPTION, KEY_BYTES,
            SrtpPolicy.NULL_AUTHENTICATION, 0, 16, SALT_BYTES);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SrtpContextFactory factory;
    private final SrtpCryptoContext context;
    private final PacketBuffer buffer = PacketBuffer.empty();

    Srtp(boolean sender, byte[] keyAndSalt, int ssrc) {
        factory = new SrtpContextFactory(sender, Arrays.copyOf(keyAndSalt, KEY_BYTES),
                Arrays.copyOfRange(keyAndSalt, KEY_BYTES, KEY_BYTES + SALT_BYTES), GCM, GCM,
                new LoggerImpl(Srtp.class.getName()));
        try {
            context = factory.deriveContext(ssrc, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] randomKey() {
        byte[] key = new byte[KEY_BYTES + SALT_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    static String inline(byte[] keyAndSalt) {
        return "inline:" + Base64.getEncoder().encodeToString(keyAndSalt);
    }

    static byte[] parseInline(String inline) {
        String value = inline.substring("inline:".length());
        int bar = value.indexOf('|');
        return Base64.getDecoder().decode(bar < 0 ? value : value.substring(0, bar));
    }

    /** RTP in {@code packet[offset, offset+length)} made SRTP in place (room for the tag after it); the new length. */
    int protect(byte[] packet, int offset, int length) {
        buffer.over(packet, offset, length);
        try {
            if (context.transformPacket(buffer) != SrtpErrorStatus.OK) {
                throw new IllegalStateException("SRTP protect failed");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        if (buffer.getBuffer() != packet) {
            throw new IllegalStateException("no room for the SRTP tag");
        }
        return buffer.getLength();
    }

    /** Whether the SRTP packet authenticates and decrypts (in place); the plain length, or -1. */
    int unprotect(byte[] packet, int offset, int length) {
        buffer.over(packet, offset, length);
        try {
            return context.reverseTransformPacket(buffer, false) == SrtpErrorStatus.OK ? buffer.getLength() : -1;
        } catch (GeneralSecurityException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        factory.close();
    }
}
