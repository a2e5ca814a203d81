package org.sipsocial.sip.message;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Writes a message (RFC 3261 §7): start line, each header line, CRLF, body. Parsed parts are
 * copied as they arrived, so a message passed through unchanged is written byte for byte
 * (leading CRLFs and trailing octets, which are not part of it, excepted); created parts are
 * canonical.
 */
public final class SipWriter {
    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private SipWriter() {
    }

    /** The exact number of bytes {@link #write} produces. */
    public static int encodedLength(SipMessage m) {
        List<Header> hs = m.headers();
        int n = m.startLength() + 2 + 2 + m.bodyLength();
        for (int i = 0; i < hs.size(); i++) n += hs.get(i).length() + 2;
        return n;
    }

    public static byte[] toBytes(SipMessage m) {
        byte[] out = new byte[encodedLength(m)];
        write(m, out, 0);
        return out;
    }

    /** Writes into {@code dst} at {@code at}; returns the number of bytes written. */
    public static int write(SipMessage m, byte[] dst, int at) {
        int p = at;
        m.copyStartLine(dst, p);
        p += m.startLength();
        dst[p++] = CR;
        dst[p++] = LF;
        List<Header> hs = m.headers();
        for (int i = 0; i < hs.size(); i++) {
            Header h = hs.get(i);
            h.copyTo(dst, p);
            p += h.length();
            dst[p++] = CR;
            dst[p++] = LF;
        }
        dst[p++] = CR;
        dst[p++] = LF;
        m.copyBody(dst, p);
        return p + m.bodyLength() - at;
    }

    /**
     * Writes at the buffer's position and advances it.
     *
     * @throws BufferOverflowException when fewer than {@link #encodedLength} bytes remain
     */
    public static int write(SipMessage m, ByteBuffer dst) {
        int n = encodedLength(m);
        if (dst.remaining() < n) throw new BufferOverflowException();
        m.copyStartLine(dst);
        dst.put(CR).put(LF);
        List<Header> hs = m.headers();
        for (int i = 0; i < hs.size(); i++) {
            hs.get(i).copyTo(dst);
            dst.put(CR).put(LF);
        }
        dst.put(CR).put(LF);
        m.copyBody(dst);
        return n;
    }
}
