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
