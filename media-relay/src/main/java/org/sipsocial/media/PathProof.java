package org.sipsocial.media;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The secret one relay proves its path control packets with (HMAC-SHA-256, RFC 2104), and its public name:
 * {@code 0x00000000, type, name (8), sequence (8), tag (16)}. The zero channel word tells them from media;
 * the sequence number grows with every packet, so that a replayed one is refused.
 */
record PathProof(byte[] name, byte[] secret, java.util.concurrent.atomic.AtomicLong sequence) {
    static final byte PROBE = 'P';
    static final byte ANSWER = 'A';
    static final int NAME_BYTES = 8;
    static final int SECRET_BYTES = 32;
    static final int TAG_BYTES = 16;
    static final int PACKET_BYTES = LinkMediaPacket.HEADER_BYTES + 1 + NAME_BYTES + 8 + TAG_BYTES;

    static PathProof random(SecureRandom random) {
        byte[] name = new byte[NAME_BYTES];
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(name);
        random.nextBytes(secret);
        return new PathProof(name, secret);
    }

    PathProof(byte[] name, byte[] secret) {
        this(name, secret, new java.util.concurrent.atomic.AtomicLong());
    }

    static byte type(byte[] packet) {
        return packet[4];
    }

    static long sequence(byte[] packet) {
        return ByteBuffer.wrap(packet).getLong(5 + NAME_BYTES);
    }

    byte[] sign(byte type) {
        ByteBuffer packet = ByteBuffer.allocate(PACKET_BYTES);
        packet.putInt(0).put(type).put(name).putLong(sequence.incrementAndGet());
        packet.put(tag(packet.array(), PACKET_BYTES - TAG_BYTES));
        return packet.array();
    }

    boolean names(byte[] packet) {
        return packet.length == PACKET_BYTES
                && Arrays.equals(packet, 5, 5 + NAME_BYTES, name, 0, NAME_BYTES);
    }

    /** Whether {@code packet} is a probe or an answer signed with this secret. */
    boolean proves(byte[] packet) {
        if (!names(packet) || (type(packet) != PROBE && type(packet) != ANSWER)) {
            return false;
        }
        byte[] expected = tag(packet, PACKET_BYTES - TAG_BYTES);
        return java.security.MessageDigest.isEqual(expected,
                Arrays.copyOfRange(packet, PACKET_BYTES - TAG_BYTES, PACKET_BYTES));
    }

    private byte[] tag(byte[] packet, int length) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256"));
            mac.update(packet, 0, length);
            return Arrays.copyOf(mac.doFinal(), TAG_BYTES);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is missing from this JDK", e);
        }
    }
}
