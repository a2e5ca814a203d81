package org.sipsocial.media;

/**
 * The few fields of an RTP header (RFC 3550 §5.1) the relay reads, and how RTCP is told from RTP on one port
 * (RFC 5761 §4: RTCP packet types 192 to 223 in the second byte).
 */
final class Rtp {
    static final int HEADER_BYTES = 12;

    private Rtp() {
    }

    static boolean isVersion2(byte[] b, int off) {
        return (b[off] & 0xC0) == 0x80;
    }

    /** RFC 3550 §5.1: the 16-bit sequence number. */
    static int sequence(byte[] b, int off) {
        return ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    static int ssrc(byte[] b, int off) {
        return ((b[off + 8] & 0xFF) << 24) | ((b[off + 9] & 0xFF) << 16) | ((b[off + 10] & 0xFF) << 8) | (b[off + 11] & 0xFF);
    }

    /** RFC 3550 §6.4: the smallest RTCP packet, a header and the sender's SSRC. */
    static final int RTCP_HEADER_BYTES = 8;

    /** RFC 3550 §6.4.1: the SSRC of the sender of an RTCP packet, after its first four bytes. */
    static int rtcpSsrc(byte[] b, int off) {
        return ((b[off + 4] & 0xFF) << 24) | ((b[off + 5] & 0xFF) << 16) | ((b[off + 6] & 0xFF) << 8) | (b[off + 7] & 0xFF);
    }

    /** RFC 5761 §4: an RTCP packet type (192 to 223) in the second byte. */
    static boolean isRtcp(byte[] b, int off) {
        int type = b[off + 1] & 0xFF;
        return type >= 192 && type <= 223;
    }
}
