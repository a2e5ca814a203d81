package org.sipsocial.link;

/**
 * A binary frame that a link carries beside its SIP messages for the layer above (the media relay's packets when
 * no UDP path gets through, issue 11). On the wire: {@code '$'}, the type (one byte), the payload's length (two
 * bytes, big-endian) and the payload, after RTSP's interleaved binary data (RFC 2326 §10.12). A {@code '$'} can
 * never start a SIP message (a method is a token, RFC 3261 §25.1) or a keep-alive, so the framing is unambiguous.
 *
 * @param type    what the payload is, for the layer above (0 to 255)
 * @param payload at most {@link #MAX_PAYLOAD} bytes
 */
public record LinkFrame(int type, byte[] payload) {
    static final byte MARK = '$';
    static final int HEADER_BYTES = 4;
    public static final int MAX_PAYLOAD = 0xFFFF;

    public LinkFrame {
        if (type < 0 || type > 255) {
            throw new IllegalArgumentException("a link frame's type is one byte, not " + type);
        }
        if (payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("a link frame carries at most " + MAX_PAYLOAD + " bytes, not " + payload.length);
        }
    }

    byte[] toBytes() {
        byte[] out = new byte[HEADER_BYTES + payload.length];
        out[0] = MARK;
        out[1] = (byte) type;
        out[2] = (byte) (payload.length >>> 8);
        out[3] = (byte) payload.length;
        System.arraycopy(payload, 0, out, HEADER_BYTES, payload.length);
        return out;
    }
}
