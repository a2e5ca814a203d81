package org.sipsocial.link.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TlsRecordTapTest {
    /** A record header (RFC 8446 §5.1) and {@code length} bytes of body. */
    private static byte[] record(int type, int length) {
        byte[] r = new byte[5 + length];
        r[0] = (byte) type;
        r[1] = 3;
        r[2] = 3;
        r[3] = (byte) (length >> 8);
        r[4] = (byte) length;
        return r;
    }

    @Test
    void recordsSplitAnywhereAcrossChunksAreTls() {
        byte[] a = record(22, 300);
        byte[] b = record(23, 1000);
        byte[] stream = new byte[a.length + b.length];
        System.arraycopy(a, 0, stream, 0, a.length);
        System.arraycopy(b, 0, stream, a.length, b.length);
        TlsRecordTap tap = new TlsRecordTap();
        for (int i = 0; i < stream.length; i += 3) {
            assertThat(tap.feed(stream, i, Math.min(3, stream.length - i))).isTrue();
        }
        assertThat(tap.records()).isEqualTo(2);
        assertThat(tap.bytes()).isEqualTo(stream.length);
    }

    @Test
    void sipInTheClearIsNotTls() {
        byte[] sip = "OPTIONS sip:theJoneses SIP/2.0\r\n".getBytes(StandardCharsets.US_ASCII);
        TlsRecordTap tap = new TlsRecordTap();
        assertThat(tap.feed(sip, 0, sip.length)).isFalse();
        assertThat(tap.isTls()).isFalse();
        assertThat(tap.feed(record(23, 10), 0, 15)).as("once broken, always").isFalse();
    }

    @Test
    void aRecordLongerThanTlsAllowsOrOfAnUnknownTypeIsNotTls() {
        byte[] tooLong = record(23, 0);
        tooLong[3] = (byte) 0x41;
        tooLong[4] = 1; // 16641 > 2^14 + 256
        assertThat(new TlsRecordTap().feed(tooLong, 0, 5)).isFalse();
        assertThat(new TlsRecordTap().feed(record(24, 1), 0, 6)).isFalse();
    }
}
