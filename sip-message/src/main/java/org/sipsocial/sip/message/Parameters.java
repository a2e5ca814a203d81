package org.sipsocial.sip.message;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An ordered list of {@code ;name[=value]} parameters, kept as the text it was written in and
 * scanned on demand (a lookup allocates only its result).
 *
 * <p>Two flavours share the class:
 * <pre>
 * ; RFC 3261 §25.1, header parameters (SEMI and EQUAL allow LWS around them)
 * generic-param  = token [ EQUAL gen-value ]
 * gen-value      = token / host / quoted-string
 * ; RFC 3261 §25.1, URI parameters (no whitespace anywhere)
 * uri-parameter  = pname [ "=" pvalue ]
 * paramchar      = param-unreserved / unreserved / escaped
 * </pre>
 * Names compare case-insensitively. Values come back as written (quoted strings keep their
 * quotes; use {@link Syntax#unquote(String)}).
 */
public final class Parameters {
    public static final Parameters EMPTY_HEADER = new Parameters("", false);
    public static final Parameters EMPTY_URI = new Parameters("", true);

    private final String text;
    private final boolean uri;

    private Parameters(String text, boolean uri) {
        this.text = text;
        this.uri = uri;
    }

    /**
     * Header parameters: {@code text} is empty or starts with {@code ;} (after optional LWS).
     *
     * @throws SipSyntaxException when an entry is not a generic-param
     */
    public static Parameters ofHeader(String text) {
        if (text.isEmpty()) return EMPTY_HEADER;
        Parameters p = new Parameters(text, false);
        p.validate();
        return p;
    }

    /** URI parameters: {@code text} is empty or starts with {@code ;}. */
    public static Parameters ofUri(String text) {
        if (text.isEmpty()) return EMPTY_URI;
        Parameters p = new Parameters(text, true);
        p.validate();
        return p;
    }

    /** The parameters as written, with their leading {@code ;}. */
    @Override
    public String toString() {
        return text;
    }

    public boolean isEmpty() {
        return text.isEmpty();
    }

    /** True when a parameter of that name is present (with or without a value). */
    public boolean has(String name) {
        return find(name, false) != null;
    }

    /**
     * The value of the first parameter of that name as written; {@code ""} when present without
     * a value; {@code null} when absent.
     */
    public String get(String name) {
        return find(name, true);
    }

    /** Parameter names in order, as written. */
    public List<String> names() {
        List<String> out = new ArrayList<>();
        int[] r = new int[4];
        int pos = 0;
        while ((pos = next(pos, r)) >= 0) out.add(text.substring(r[0], r[1]));
        return Collections.unmodifiableList(out);
    }

    /** A copy with {@code name} set to {@code value} ({@code null} for a flag), replacing the first of that name. */
    public Parameters with(String name, String value) {
        String entry = value == null ? ";" + name : ";" + name + "=" + value;
        int[] r = new int[4];
        int pos = 0;
        int start = 0;
        while (true) {
            int entryStart = pos;
            pos = next(pos, r);
            if (pos < 0) break;
            if (text.regionMatches(true, r[0], name, 0, name.length()) && r[1] - r[0] == name.length()) {
                return make(text.substring(0, entryStart) + entry + text.substring(pos));
            }
            start = pos;
        }
        return make(text.substring(0, start) + entry + text.substring(start));
    }

    /** A copy without any parameter of that name. */
    public Parameters without(String name) {
        StringBuilder out = new StringBuilder(text.length());
        int[] r = new int[4];
        int pos = 0;
        boolean removed = false;
        while (true) {
            int entryStart = pos;
            pos = next(pos, r);
            if (pos < 0) {
                out.append(text, entryStart, text.length());
                break;
            }
            if (r[1] - r[0] == name.length() && text.regionMatches(true, r[0], name, 0, name.length())) {
                removed = true;
            } else {
                out.append(text, entryStart, pos);
            }
        }
        return removed ? make(out.toString()) : this;
    }

    private Parameters make(String t) {
        return uri ? ofUri(t) : ofHeader(t);
    }

    private String find(String name, boolean wantValue) {
        int[] r = new int[4];
        int pos = 0;
        while ((pos = next(pos, r)) >= 0) {
            if (r[1] - r[0] == name.length() && text.regionMatches(true, r[0], name, 0, name.length())) {
                return r[2] < 0 ? "" : (wantValue ? text.substring(r[2], r[3]) : "");
            }
        }
        return null;
    }

    private void validate() {
        int[] r = new int[4];
        int pos = 0;
        while ((pos = next(pos, r)) >= 0) {
            // next() throws on malformed entries
        }
    }

    /**
     * Scans the entry starting at {@code pos}; fills name [r0,r1) and value [r2,r3) (r2 = -1 when
     * there is no value) and returns the position after it, or -1 at the end.
     */
    private int next(int pos, int[] r) {
        int end = text.length();
        int i = uri ? pos : Syntax.skipWhitespace(text, pos, end);
        if (i >= end) return -1;
        if (text.charAt(i) != ';') throw new SipSyntaxException("expected ';'", i);
        i = uri ? i + 1 : Syntax.skipWhitespace(text, i + 1, end);
        int nameEnd = uri ? uriCharsEnd(i, end) : Syntax.tokenEnd(text, i, end);
        if (nameEnd == i) throw new SipSyntaxException("empty parameter name", i);
        r[0] = i;
        r[1] = nameEnd;
        r[2] = -1;
        r[3] = -1;
        i = uri ? nameEnd : Syntax.skipWhitespace(text, nameEnd, end);
        if (i < end && text.charAt(i) == '=') {
            i = uri ? i + 1 : Syntax.skipWhitespace(text, i + 1, end);
            int valueEnd;
            if (uri) {
                valueEnd = uriCharsEnd(i, end);
            } else if (i < end && text.charAt(i) == '"') {
                valueEnd = Syntax.quotedEnd(text, i, end);
            } else {
                valueEnd = genValueEnd(i, end);
            }
            if (valueEnd == i) throw new SipSyntaxException("empty parameter value", i);
            r[2] = i;
            r[3] = valueEnd;
            i = valueEnd;
        } else if (!uri) {
            i = nameEnd;
        }
        if (!uri) {
            int j = Syntax.skipWhitespace(text, i, end);
            if (j < end && text.charAt(j) != ';') throw new SipSyntaxException("unexpected character in parameters", j);
        } else if (i < end && text.charAt(i) != ';') {
            throw new SipSyntaxException("unexpected character in URI parameters", i);
        }
        return i;
    }

    private int genValueEnd(int i, int end) {
        // token / host (IPv6 references add ':' '[' ']')
        while (i < end) {
            char c = text.charAt(i);
            if (!(Syntax.isToken(c) || c == ':' || c == '[' || c == ']')) break;
            i++;
        }
        return i;
    }

    private int uriCharsEnd(int i, int end) {
        while (i < end) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= end) throw new SipSyntaxException("truncated escape", i);
                if (!isHex(text.charAt(i + 1)) || !isHex(text.charAt(i + 2))) throw new SipSyntaxException("bad escape", i);
                i += 3;
                continue;
            }
            if (!isParamChar(c)) break;
            i++;
        }
        return i;
    }

    static boolean isHex(char c) {
        return Syntax.isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** unreserved / param-unreserved, RFC 3261 §25.1. */
    private static boolean isParamChar(char c) {
        if (Syntax.isDigit(c) || Syntax.isAlpha(c)) return true;
        return "-_.!~*'()[]/:&+$".indexOf(c) >= 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Parameters && ((Parameters) o).text.equals(text) && ((Parameters) o).uri == uri;
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
