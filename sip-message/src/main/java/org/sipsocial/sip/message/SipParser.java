package org.sipsocial.sip.message;

import java.nio.ByteBuffer;

/**
 * Parses one SIP message from bytes (RFC 3261 §7, §25), returning a message or a
 * {@link Rejection}; it throws nothing on any input.
 *
 * <p>One pass ({@link MessageScanner}) indexes the start line and the header lines (with
 * folding, RFC 3261 §7.3.1); {@link MessageChecks} then parses the headers a transaction layer
 * relies on and applies the checks of RFC 4475 §3.1.2 and §3.3; other headers are parsed on first
 * access. Leading CRLFs are skipped (RFC 3261 §7.5). The body is Content-Length bytes after the
 * empty line; octets after it are not part of the message (RFC 4475 §3.1.1.8); without
 * Content-Length (datagrams only) the body runs to the end of the input (RFC 3261 §18.3).
 *
 * <p>The returned message refers to {@code bytes} without copying: the caller must not change
 * that range afterwards.
 */
public final class SipParser {
    private SipParser() {
    }

    public static ParseResult parse(byte[] bytes) {
        return parse(bytes, 0, bytes.length, SipLimits.DEFAULTS);
    }

    public static ParseResult parse(byte[] bytes, int offset, int length) {
        return parse(bytes, offset, length, SipLimits.DEFAULTS);
    }

    /** Parses the remaining bytes of {@code buffer} (copied when it has no accessible array). */
    public static ParseResult parse(ByteBuffer buffer, SipLimits limits) {
        if (buffer.hasArray() && !buffer.isReadOnly()) {
            return parse(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining(), limits);
        }
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return parse(copy, 0, copy.length, limits);
    }

    public static ParseResult parse(byte[] bytes, int offset, int length, SipLimits limits) {
        if (offset < 0 || length < 0 || offset > bytes.length - length) {
            return ParseResult.rejected(new Rejection(RejectReason.EMPTY, null, offset, "range outside the array"));
        }
        return new MessageScanner(bytes, offset, length, limits).scan();
    }
}
