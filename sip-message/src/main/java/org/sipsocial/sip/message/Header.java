package org.sipsocial.sip.message;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One header field line (RFC 3261 §7.3: {@code field-name HCOLON field-value}), possibly folded
 * over several physical lines, kept as the exact bytes it arrived in so that a message passed
 * on unchanged is written byte for byte. Created headers hold their canonical bytes
 * ({@code Name: value}).
 *
 * <p>The name and the value are decoded on first access; typed values (a list of {@code Via},
 * a {@code NameAddress}, ...) are parsed on first access and cached. Instances are immutable
 * to their users and safe to share between messages.
 */
public final class Header {
    private final byte[] source;
    private final int start;
    private final int nameEnd;
    private final int valueStart;
    private final int end;
    private final HeaderName known;
    private final boolean folded;
    private String name;
    private String value;
    private Object typed;

    Header(byte[] source, int start, int nameEnd, int valueStart, int end, HeaderName known, boolean folded) {
        this.source = source;
        this.start = start;
        this.nameEnd = nameEnd;
        this.valueStart = valueStart;
        this.end = end;
        this.known = known;
        this.folded = folded;
    }

    /**
     * A new header {@code name: value}.
     *
     * @throws IllegalArgumentException when the name is not a token or the value holds CR or LF
     */
    public static Header of(String name, String value) {
        if (!Syntax.isToken(name)) throw new IllegalArgumentException("header name is not a token: " + name);
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("header value may not contain CR or LF");
        }
        String v = value.strip();
        byte[] line = (name + ": " + v).getBytes(StandardCharsets.UTF_8);
        int nameLength = name.getBytes(StandardCharsets.UTF_8).length;
        Header h = new Header(line, 0, nameLength, nameLength + 2, line.length, HeaderName.of(name), false);
        h.name = name;
        h.value = v;
        return h;
    }

    /** A new header with the canonical name and the text of a typed value. */
    public static Header of(HeaderName name, Object typedValue) {
        return of(name.text(), typedValue.toString());
    }

    /** The name as written (e.g. {@code v}, {@code MaX-fOrWaRdS}). */
    public String name() {
        String n = name;
        if (n == null) {
            n = new String(source, start, nameEnd - start, StandardCharsets.UTF_8);
            name = n;
        }
        return n;
    }

    /** The known header this is (long or compact form), or {@code null} for an extension header. */
    public HeaderName known() {
        return known;
    }

    public boolean is(HeaderName h) {
        return known == h;
    }

    /** The value with folds replaced by one SP and surrounding whitespace removed (decoded as UTF-8). */
    public String value() {
        String v = value;
        if (v == null) {
            int from = valueStart;
            int to = end;
            if (!folded) {
                // The SP and HTAB around the value (RFC 3261 §7.3.1) are left out before decoding, not stripped after:
                // a second copy of every value otherwise. strip() then only removes what is rarer.
                while (from < to && isSpaceOrTab(source[from])) from++;
                while (to > from && isSpaceOrTab(source[to - 1])) to--;
            }
            v = new String(source, from, to - from, StandardCharsets.UTF_8);
            v = folded ? Syntax.unfold(v).strip() : v.strip();
            value = v;
        }
        return v;
    }

    private static boolean isSpaceOrTab(byte b) {
        return b == ' ' || b == '\t';
    }

    /** The typed value (parsed on first access, then cached). @throws SipSyntaxException when malformed */
    Object typed() {
        Object t = typed;
        if (t == null) {
            t = TypedHeaders.parse(known, value());
            typed = t;
        }
        return t;
    }

    /** Offset of the header's first byte in the message it was parsed from. */
    int offset() {
        return start;
    }

    /** Length of the header line(s) in bytes, without the final CRLF. */
    int length() {
        return end - start;
    }

    void copyTo(byte[] dst, int at) {
        System.arraycopy(source, start, dst, at, end - start);
    }

    void copyTo(java.nio.ByteBuffer dst) {
        dst.put(source, start, end - start);
    }

    /** The line as it is written (without CRLF). */
    @Override
    public String toString() {
        return new String(source, start, end - start, StandardCharsets.UTF_8);
    }

    /** Same header (by known identity, else name ignoring case) with the same unfolded value. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Header)) return false;
        Header h = (Header) o;
        boolean sameName = known != null ? known == h.known : h.known == null && name().equalsIgnoreCase(h.name());
        return sameName && value().equals(h.value());
    }

    @Override
    public int hashCode() {
        return Objects.hash(known != null ? known : name().toLowerCase(java.util.Locale.ROOT), value());
    }
}
