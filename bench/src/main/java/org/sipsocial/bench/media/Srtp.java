package org.sipsocial.bench.media;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.srtp.SrtpPolicy;
import org.jitsi.utils.ByteArrayBuffer;
import org.jitsi.utils.logging2.LoggerImpl;

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
    private final Buffer buffer = new Buffer();

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
        buffer.set(packet, offset, length);
        try {
            if (context.transformPacket(buffer) != SrtpErrorStatus.OK) {
                throw new IllegalStateException("SRTP protect failed");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        if (buffer.buffer != packet) {
            throw new IllegalStateException("no room for the SRTP tag");
        }
        return buffer.length;
    }

    /** Whether the SRTP packet authenticates and decrypts (in place); the plain length, or -1. */
    int unprotect(byte[] packet, int offset, int length) {
        buffer.set(packet, offset, length);
        try {
            return context.reverseTransformPacket(buffer, false) == SrtpErrorStatus.OK ? buffer.length : -1;
        } catch (GeneralSecurityException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        factory.close();
    }

    private static final class Buffer implements ByteArrayBuffer {
        byte[] buffer;
        int offset;
        int length;

        void set(byte[] b, int off, int len) {
            buffer = b;
            offset = off;
            length = len;
        }

        @Override
        public byte[] getBuffer() {
            return buffer;
        }

        @Override
        public int getOffset() {
            return offset;
        }

        @Override
        public int getLength() {
            return length;
        }

        @Override
        public void setLength(int len) {
            length = len;
        }

        @Override
        public void setOffset(int off) {
            offset = off;
        }

        @Override
        public boolean isInvalid() {
            return false;
        }

        @Override
        public void readRegionToBuff(int off, int len, byte[] out) {
            System.arraycopy(buffer, offset + off, out, 0, len);
        }

        @Override
        public void grow(int howMuch) {
            if (offset + length + howMuch > buffer.length) {
                buffer = Arrays.copyOf(buffer, offset + length + howMuch);
            }
        }

        @Override
        public void append(byte[] data, int len) {
            grow(len);
            System.arraycopy(data, 0, buffer, offset + length, len);
            length += len;
        }

        @Override
        public void shrink(int len) {
            length = Math.max(0, length - len);
        }
    }
}
