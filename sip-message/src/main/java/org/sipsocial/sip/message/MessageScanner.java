package org.sipsocial.sip.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.sipsocial.sip.message.uri.SipUri;
import org.sipsocial.sip.message.uri.Uri;

/**
 * The single pass of {@link SipParser} over one message: start line and header lines.
 *
 * <pre>
 * Request-Line  = Method SP Request-URI SP SIP-Version CRLF          ; RFC 3261 §25.1
 * Status-Line   = SIP-Version SP Status-Code SP Reason-Phrase CRLF
 * message-header = field-name HCOLON field-value CRLF ; folded lines start with SP or HT
 * HCOLON        = *( SP / HTAB ) ":" SWS
 * </pre>
 */
final class MessageScanner {
    private final byte[] b;
    private final int offset;
    private final int end;
    private final SipLimits limits;
    private Rejection rejection;

    MessageScanner(byte[] b, int offset, int length, SipLimits limits) {
        this.b = b;
        this.offset = offset;
        this.end = offset + length;
        this.limits = limits;
    }

    ParseResult scan() {
        if (end - offset > limits.maxMessageSize()) {
            return reject(RejectReason.MESSAGE_TOO_LARGE, null, offset, (end - offset) + " bytes");
        }
        int p = offset;
        while (p + 1 < end && b[p] == '\r' && b[p + 1] == '\n') p += 2;
        if (p >= end) return reject(RejectReason.EMPTY, null, p, "no start line");
        int lineStart = p;
        int lineEnd = lineEnd(p, p);
        if (lineEnd < 0) return ParseResult.rejected(rejection);
        List<Header> headers = new ArrayList<>(16);
        int bodyStart = headers(lineEnd + 2, headers);
        if (bodyStart < 0) return ParseResult.rejected(rejection);
        MessageChecks checks = new MessageChecks(b, offset, end, limits);
        if (startsWith(lineStart, lineEnd, "SIP/")) {
            return statusLine(lineStart, lineEnd, headers, bodyStart, checks);
        }
        return requestLine(lineStart, lineEnd, headers, bodyStart, checks);
    }

    private ParseResult statusLine(int p, int lineEnd, List<Header> headers, int bodyStart, MessageChecks checks) {
        if (lineEnd - p < 8 || !startsWith(p, lineEnd, "SIP/2.0 ")) {
            return reject(RejectReason.VERSION_NOT_SUPPORTED, null, p, "not SIP/2.0");
        }
        int c = p + 8;
        if (lineEnd - c < 3 || !digit(b[c]) || !digit(b[c + 1]) || !digit(b[c + 2])
                || (c + 3 < lineEnd && b[c + 3] != ' ')) {
            return reject(RejectReason.BAD_STATUS_LINE, null, c, "status code is not 3 digits");
        }
        int status = (b[c] - '0') * 100 + (b[c + 1] - '0') * 10 + (b[c + 2] - '0');
        if (status < 100 || status > 699) return reject(RejectReason.BAD_STATUS_LINE, null, c, "status " + status);
        int r = Math.min(c + 4, lineEnd);
        String reason = new String(b, r, lineEnd - r, StandardCharsets.UTF_8);
        return checks.response(status, reason, p, lineEnd, headers, bodyStart);
    }

    private ParseResult requestLine(int p, int lineEnd, List<Header> headers, int bodyStart, MessageChecks checks) {
        int m = p;
        while (m < lineEnd && b[m] != ' ') {
            if (!Syntax.isToken(b[m])) return reject(RejectReason.BAD_REQUEST_LINE, null, m, "method is not a token");
            m++;
        }
        if (m == p || m >= lineEnd) return reject(RejectReason.BAD_REQUEST_LINE, null, p, "no method");
        int u = m + 1;
        int ue = indexOf(u, lineEnd, (byte) ' ');
        if (ue <= u) return reject(RejectReason.BAD_REQUEST_LINE, null, u, "expected one SP and a Request-URI");
        int v = ue + 1;
        if (!(lineEnd - v == 7 && startsWith(v, lineEnd, "SIP/2.0"))) {
            boolean otherVersion = startsWith(v, lineEnd, "SIP/") && !startsWith(v, lineEnd, "SIP/2.0")
                    && indexOf(v, lineEnd, (byte) ' ') < 0;
            return reject(otherVersion ? RejectReason.VERSION_NOT_SUPPORTED : RejectReason.BAD_REQUEST_LINE,
                    null, v, "expected SIP/2.0 CRLF");
        }
        String method = SipMethod.intern(b, p, m);
        Uri uri;
        try {
            uri = Uri.parse(new String(b, u, ue - u, StandardCharsets.UTF_8));
        } catch (SipSyntaxException e) {
            return reject(RejectReason.BAD_REQUEST_URI, null, u + e.offset(), e.getMessage());
        }
        if (uri instanceof SipUri && ((SipUri) uri).headers() != null) {
            return reject(RejectReason.BAD_REQUEST_URI, null, u, "headers in a Request-URI (RFC 3261 §19.1.5)");
        }
        return checks.request(method, uri, p, lineEnd, headers, bodyStart);
    }

    /**
     * Indexes header lines from {@code p} to the empty line; returns the offset after it (the
     * body start) or -1 with {@link #rejection} set.
     */
    private int headers(int p, List<Header> out) {
        int maxLine = limits.maxLineLength();
        while (true) {
            if (p + 1 >= end) return fail(RejectReason.INCOMPLETE_HEADERS, null, p, "no empty line after the headers");
            byte c = b[p];
            if (c == '\r') {
                if (b[p + 1] != '\n') return fail(RejectReason.BAD_LINE_END, null, p, "CR without LF");
                return p + 2;
            }
            int nameStart = p;
            while (p < end && Syntax.isToken(b[p])) p++;
            int nameEnd = p;
            if (nameEnd == nameStart) return fail(RejectReason.MALFORMED_HEADER, null, p, "expected a header name");
            while (p < end && (b[p] == ' ' || b[p] == '\t')) p++;
            if (p >= end || b[p] != ':') {
                return fail(RejectReason.MALFORMED_HEADER, new String(b, nameStart, nameEnd - nameStart,
                        StandardCharsets.UTF_8), p, "expected ':'");
            }
            int valueStart = ++p;
            int physical = nameStart;
            boolean folded = false;
            while (true) {
                if (p >= end) return fail(RejectReason.INCOMPLETE_HEADERS, null, p, "header without CRLF");
                byte x = b[p];
                if (x == '\r') {
                    if (p + 1 >= end) return fail(RejectReason.INCOMPLETE_HEADERS, null, p, "header without CRLF");
                    if (b[p + 1] != '\n') return fail(RejectReason.BAD_LINE_END, null, p, "CR without LF");
                    if (p + 2 < end && (b[p + 2] == ' ' || b[p + 2] == '\t')) {
                        folded = true;
                        p += 3;
                        physical = p;
                        continue;
                    }
                    break;
                }
                if (x == '\n') return fail(RejectReason.BAD_LINE_END, null, p, "LF without CR");
                p++;
                if (p - physical > maxLine) return fail(RejectReason.LINE_TOO_LONG, null, physical, "line too long");
            }
            if (out.size() >= limits.maxHeaderCount()) {
                return fail(RejectReason.TOO_MANY_HEADERS, null, nameStart, "more than " + limits.maxHeaderCount());
            }
            out.add(new Header(b, nameStart, nameEnd, valueStart, p, HeaderName.lookup(b, nameStart, nameEnd), folded));
            p += 2;
        }
    }

    /** End of the start line at {@code p} (index of its CR), or -1 with {@link #rejection} set. */
    private int lineEnd(int p, int lineStart) {
        int max = lineStart + limits.maxLineLength();
        while (p < end) {
            byte x = b[p];
            if (x == '\r') {
                if (p + 1 < end && b[p + 1] == '\n') return p;
                return fail(RejectReason.BAD_LINE_END, null, p, "CR without LF");
            }
            if (x == '\n') return fail(RejectReason.BAD_LINE_END, null, p, "LF without CR");
            if (++p > max) return fail(RejectReason.LINE_TOO_LONG, null, lineStart, "start line too long");
        }
        return fail(RejectReason.INCOMPLETE_HEADERS, null, p, "start line without CRLF");
    }

    private int fail(RejectReason reason, String header, int at, String detail) {
        rejection = new Rejection(reason, header, at, detail);
        return -1;
    }

    private static ParseResult reject(RejectReason reason, String header, int at, String detail) {
        return ParseResult.rejected(new Rejection(reason, header, at, detail));
    }

    private boolean startsWith(int from, int to, String s) {
        if (to - from < s.length()) return false;
        for (int k = 0; k < s.length(); k++) {
            if (b[from + k] != s.charAt(k)) return false;
        }
        return true;
    }

    private int indexOf(int from, int to, byte x) {
        for (int i = from; i < to; i++) {
            if (b[i] == x) return i;
        }
        return -1;
    }

    private static boolean digit(byte x) {
        return x >= '0' && x <= '9';
    }
}
