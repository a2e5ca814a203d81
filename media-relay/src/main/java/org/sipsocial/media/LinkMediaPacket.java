package org.sipsocial.media;

/**
 * A media packet between two sites' relays: the receiving relay's channel number (4 bytes, big-endian, never 0),
 * with its top bit set for SRTCP, then one SRTP or SRTCP packet. The channel lets one UDP path per link carry
 * every call between two sites, RTP and RTCP alike.
 */
final class LinkMediaPacket {
    static final int HEADER_BYTES = 4;
    /** The top bit of the channel word: the packet is SRTCP. */
    static final int CONTROL = 0x80000000;

    private LinkMediaPacket() {
    }

    /** The packet for the other relay, written into {@code out}: the channel word, then {@code srtp}. */
    static io.netty.buffer.ByteBuf frame(int channel, PacketBuffer srtp, io.netty.buffer.ByteBuf out) {
        return out.writeInt(channel).writeBytes(srtp.getBuffer(), srtp.getOffset(), srtp.getLength());
    }

    /** The channel word of a packet in a buffer (as {@link #channel(byte[])}). */
    static int channel(io.netty.buffer.ByteBuf packet) {
        if (packet.readableBytes() < HEADER_BYTES + Rtp.RTCP_HEADER_BYTES) {
            return 0;
        }
        return packet.getInt(packet.readerIndex());
    }

    static byte[] frame(int channel, PacketBuffer srtp) {
        byte[] out = new byte[HEADER_BYTES + srtp.getLength()];
        out[0] = (byte) (channel >>> 24);
        out[1] = (byte) (channel >>> 16);
        out[2] = (byte) (channel >>> 8);
        out[3] = (byte) channel;
        System.arraycopy(srtp.getBuffer(), srtp.getOffset(), out, HEADER_BYTES, srtp.getLength());
        return out;
    }

    /** The channel word of a packet (channel, and {@link #CONTROL} for SRTCP), or 0 when it is too short to be one. */
    static int channel(byte[] packet) {
        if (packet.length < HEADER_BYTES + Rtp.RTCP_HEADER_BYTES) {
            return 0;
        }
        return ((packet[0] & 0xFF) << 24) | ((packet[1] & 0xFF) << 16) | ((packet[2] & 0xFF) << 8) | (packet[3] & 0xFF);
    }
}
