package org.sipsocial.sip.message;

import java.nio.ByteBuffer;

/**
 * Finds message boundaries on a stream transport (RFC 3261 §18.3): the message ends
 * Content-Length bytes after the empty line that ends the headers; Content-Length is mandatory
 * on streams. CRLFs before a message are keep-alives (RFC 5626 §3.5.1) or allowed noise
 * (RFC 3261 §7.5) and are reported separately so a decoder can skip (and answer) them.
 *
 * <p>Only the header section and Content-Length are examined; the caller then hands exactly
 * {@link Frame#length()} bytes to {@link SipParser}. Input never makes this read past
 * {@link SipLimits#maxMessageSize()} bytes.
 */
public final class SipFraming {
    private SipFraming() {
    }

    /** What the bytes at the front of a stream buffer are. */
    public enum Status {
        /** Not enough bytes yet to know; read more. */
        NEED_MORE,
        /** {@link Frame#length()} leading bytes are CRLFs (keep-alive ping, RFC 5626 §3.5.1); discard them. */
        KEEP_ALIVE,
        /** A whole message of {@link Frame#length()} bytes. */
        COMPLETE,
        /** The stream cannot be framed: close the connection after answering if possible. */
        REJECT
    }

    /** The verdict; {@code rejection} is set only for {@link Status#REJECT}. */
    public record Frame(Status status, int length, Rejection rejection) {
        static final Frame NEED_MORE = new Frame(Status.NEED_MORE, 0, null);
    }

    public static Frame frame(byte[] b, int offset, int length, SipLimits limits) {
        return frame(ByteBuffer.wrap(b, offset, length), limits);
    }

    /** Examines {@code buf} from its position to its limit; the buffer is not modified. */
    public static Frame frame(ByteBuffer buf, SipLimits limits) {
        int start = buf.position();
        int end = buf.limit();
        int p = start;
        while (p < end && (buf.get(p) == '\r' || buf.get(p) == '\n')) p++;
        if (p > start) {
            int pairs = (p - start) & ~1;
            if (pairs > 0) return new Frame(Status.KEEP_ALIVE, pairs, null);
            if (p >= end) return Frame.NEED_MORE;
            return reject(RejectReason.BAD_LINE_END, null, start, "lone CR or LF before a message");
        }
        int max = Math.min(end, start + limits.maxMessageSize());
        int lineStart = p;
        long contentLength = -1;
        while (true) {
            int cr = indexOfCrlf(buf, lineStart, max);
            if (cr < 0) {
                if (max - start >= limits.maxMessageSize()) {
                    return reject(RejectReason.MESSAGE_TOO_LARGE, null, start, "no end of headers within the limit");
                }
                return Frame.NEED_MORE;
            }
            if (cr == lineStart) {
                int headEnd = cr + 2;
                if (contentLength < 0) {
                    return reject(RejectReason.MISSING_CONTENT_LENGTH, "Content-Length", start,
                            "Content-Length is mandatory on streams");
                }
                long total = headEnd - start + contentLength;
                if (total > limits.maxMessageSize()) {
                    return reject(RejectReason.MESSAGE_TOO_LARGE, "Content-Length", start, total + " bytes");
                }
                return total > end - start ? Frame.NEED_MORE : new Frame(Status.COMPLETE, (int) total, null);
            }
            if (lineStart > start && isContentLength(buf, lineStart, cr)) {
                if (contentLength >= 0) {
                    return reject(RejectReason.DUPLICATE_HEADER, "Content-Length", lineStart, "Content-Length twice");
                }
                contentLength = value(buf, lineStart, cr, max);
                if (contentLength < 0) {
                    return reject(RejectReason.BAD_CONTENT_LENGTH, "Content-Length", lineStart, "not 1*DIGIT");
                }
            }
            lineStart = cr + 2;
        }
    }

    private static int indexOfCrlf(ByteBuffer buf, int from, int to) {
        for (int i = from; i + 1 < to; i++) {
            if (buf.get(i) == '\r' && buf.get(i + 1) == '\n') return i;
        }
        return -1;
    }

    /** True when the line is a Content-Length ({@code Content-Length} or {@code l}) header. */
    private static boolean isContentLength(ByteBuffer buf, int from, int to) {
        int i = from;
        while (i < to && Syntax.isToken(buf.get(i))) i++;
        int nameEnd = i;
        while (i < to && (buf.get(i) == ' ' || buf.get(i) == '\t')) i++;
        if (i >= to || buf.get(i) != ':') return false;
        byte[] name = new byte[nameEnd - from];
        if (name.length != 1 && name.length != 14) return false;
        for (int k = 0; k < name.length; k++) name[k] = buf.get(from + k);
        return HeaderName.lookup(name, 0, name.length) == HeaderName.CONTENT_LENGTH;
    }

    /** The decimal value after the colon (folded continuation lines are not followed), or -1. */
    private static long value(ByteBuffer buf, int from, int to, int max) {
        int i = from;
        while (buf.get(i) != ':') i++;
        i++;
        int next = to + 2;
        while (true) {
            while (i < to && (buf.get(i) == ' ' || buf.get(i) == '\t')) i++;
            if (i < to) break;
            if (next < max && (buf.get(next) == ' ' || buf.get(next) == '\t')) {
                int cr = indexOfCrlf(buf, next, max);
                if (cr < 0) return -1;
                i = next;
                to = cr;
                next = cr + 2;
                continue;
            }
            return -1;
        }
        long v = 0;
        int digits = 0;
        while (i < to && buf.get(i) >= '0' && buf.get(i) <= '9') {
            v = v * 10 + (buf.get(i) - '0');
            if (v > Integer.MAX_VALUE) return -1;
            i++;
            digits++;
        }
        while (i < to && (buf.get(i) == ' ' || buf.get(i) == '\t')) i++;
        return digits == 0 || i != to ? -1 : v;
    }

    private static Frame reject(RejectReason reason, String header, int offset, String detail) {
        return new Frame(Status.REJECT, 0, new Rejection(reason, header, offset, detail));
    }
}
