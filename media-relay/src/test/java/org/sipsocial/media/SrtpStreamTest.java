package org.sipsocial.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.sipsocial.testkit.FileScan;
import org.junit.jupiter.params.provider.EnumSource;

/** SRTP through jitsi-srtp, per suite: a protected packet hides its payload, opens with the key, and only with it. */
class SrtpStreamTest {
    private final SecureRandom random = new SecureRandom();

    static byte[] rtp(int ssrc, int sequence, byte[] payload) {
        byte[] packet = new byte[Rtp.HEADER_BYTES + payload.length];
        packet[0] = (byte) 0x80;
        packet[1] = 0; // PCMU
        packet[2] = (byte) (sequence >>> 8);
        packet[3] = (byte) sequence;
        packet[8] = (byte) (ssrc >>> 24);
        packet[9] = (byte) (ssrc >>> 16);
        packet[10] = (byte) (ssrc >>> 8);
        packet[11] = (byte) ssrc;
        System.arraycopy(payload, 0, packet, Rtp.HEADER_BYTES, payload.length);
        return packet;
    }

    @ParameterizedTest
    @EnumSource(SrtpSuite.class)
    void a_protected_packet_hides_its_payload_and_opens_only_with_its_key_once(SrtpSuite suite) {
        SrtpKey key = SrtpKey.random(suite, random);
        byte[] payload = "a known pattern of voice samples, 160 bytes would be one 20 ms frame".getBytes();
        byte[] packet = rtp(0x11223344, 7, payload);
        PacketBuffer buffer = PacketBuffer.copyOf(packet, 0, packet.length);
        try (SrtpStream out = SrtpStream.sending(key); SrtpStream in = SrtpStream.receiving(key);
             SrtpStream stranger = SrtpStream.receiving(SrtpKey.random(suite, random))) {
            assertThat(out.protect(buffer)).isTrue();
            byte[] srtp = buffer.toArray();
            assertThat(srtp.length).isGreaterThan(packet.length);
            assertThat(FileScan.indexOf(srtp, Arrays.copyOf(payload, 16))).as("payload visible on the wire").isNegative();

            assertThat(tryUnprotect(stranger, srtp)).isEmpty();
            byte[] tampered = srtp.clone();
            tampered[20] ^= 1;
            assertThat(tryUnprotect(in, tampered)).isEmpty();
            assertThat(tryUnprotect(in, srtp)).hasValueSatisfying(plain -> assertThat(plain).isEqualTo(packet));
            assertThat(tryUnprotect(in, srtp)).as("a replayed packet").isEmpty();
        }
    }

    /**
     * As the relay does it: one scratch buffer per thread, loaded from a socket's buffer, protected in place and
     * framed for the other relay; there loaded after the channel word into another scratch buffer and opened in
     * place. Packets of different sizes in turn, one bigger than the scratch buffer's first array.
     */
    @ParameterizedTest
    @EnumSource(SrtpSuite.class)
    void packets_protected_and_opened_in_place_in_reused_buffers_come_back_whole(SrtpSuite suite) {
        SrtpKey key = SrtpKey.random(suite, random);
        PacketBuffer sending = PacketBuffer.scratch();
        PacketBuffer receiving = PacketBuffer.scratch();
        try (SrtpStream out = SrtpStream.sending(key); SrtpStream in = SrtpStream.receiving(key)) {
            for (int sequence = 1; sequence <= 6; sequence++) {
                byte[] payload = new byte[sequence == 4 ? 3000 : 40 * sequence];
                random.nextBytes(payload);
                byte[] packet = rtp(0x5EED, sequence, payload);
                io.netty.buffer.ByteBuf fromPhone = io.netty.buffer.Unpooled.wrappedBuffer(packet);
                assertThat(out.protect(sending.load(fromPhone, 0, packet.length))).isTrue();
                io.netty.buffer.ByteBuf framed = LinkMediaPacket.frame(sequence, sending,
                        io.netty.buffer.Unpooled.buffer());
                try {
                    assertThat(LinkMediaPacket.channel(framed)).isEqualTo(sequence);
                    int srtpBytes = framed.readableBytes() - LinkMediaPacket.HEADER_BYTES;
                    // One bit changed: fails authentication.
                    receiving.load(framed, LinkMediaPacket.HEADER_BYTES, srtpBytes);
                    receiving.getBuffer()[Rtp.HEADER_BYTES + 1] ^= 1;
                    assertThat(in.unprotect(receiving)).as("altered packet %d", sequence).isFalse();
                    receiving.load(framed, LinkMediaPacket.HEADER_BYTES, srtpBytes);
                    assertThat(in.unprotect(receiving)).isTrue();
                    assertThat(receiving.toArray()).isEqualTo(packet);
                    // The same bytes again: a replay, refused.
                    receiving.load(framed, LinkMediaPacket.HEADER_BYTES, srtpBytes);
                    assertThat(in.unprotect(receiving)).as("replay of packet %d", sequence).isFalse();
                } finally {
                    framed.release();
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpSuite.class)
    void a_key_goes_into_sdes_and_comes_back(SrtpSuite suite) {
        SrtpKey key = SrtpKey.random(suite, random);
        SrtpKey parsed = SrtpKey.parseInline(suite, key.inline());
        assertThat(parsed.key()).isEqualTo(key.key());
        assertThat(parsed.salt()).isEqualTo(key.salt());
    }

    /** What {@code stream} makes of {@code packet}: the RTP it decrypts to, or empty when it refuses it. */
    static java.util.Optional<byte[]> tryUnprotect(SrtpStream stream, byte[] packet) {
        PacketBuffer copy = PacketBuffer.copyOf(packet, 0, packet.length);
        return stream.unprotect(copy) ? java.util.Optional.of(copy.toArray()) : java.util.Optional.empty();
    }
}
