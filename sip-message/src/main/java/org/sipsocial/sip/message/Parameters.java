package org.sipsocial.sip.message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * An ordered list of {@code ;name[=value]} parameters, kept as the text it was written in, with where each entry
 * lies in it (a lookup allocates only its result).
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

    /** Ints per entry in {@link #entries}: name [0,1), value [2,3) (-1 when none), end of the entry [4]. */
    private static final int STRIDE = 5;

    private final String text;
    private final boolean uri;
    /**
     * Where each entry lies in {@link #text}, found once when the text is checked (so a lookup neither scans nor
     * allocates: issue 14, Via and URI parameters are read several times on every hop).
     */
    private final int[] entries;

    /** @throws SipSyntaxException when an entry is malformed */
    private Parameters(String text, boolean uri) {
        this.text = text;
        this.uri = uri;
        this.entries = index();
    }

    /**
     * Header parameters: {@code text} is empty or starts with {@code ;} (after optional LWS).
     *
     * @throws SipSyntaxException when an entry is not a generic-param
     */
    public static Parameters ofHeader(String text) {
        return text.isEmpty() ? EMPTY_HEADER : new Parameters(text, false);
    }

    /** URI parameters: {@code text} is empty or starts with {@code ;}. */
    public static Parameters ofUri(String text) {
        return text.isEmpty() ? EMPTY_URI : new Parameters(text, true);
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
        return entryNamed(name) >= 0;
    }

    /**
     * The value of the first parameter of that name as written; {@code ""} when present without
     * a value; {@code null} when absent.
     */
    public String get(String name) {
        int e = entryNamed(name);
        if (e < 0) return null;
        return entries[e + 2] < 0 ? "" : text.substring(entries[e + 2], entries[e + 3]);
    }

    /** Parameter names in order, as written. */
    public List<String> names() {
        List<String> out = new ArrayList<>(entries.length / STRIDE);
        for (int e = 0; e < entries.length; e += STRIDE) out.add(text.substring(entries[e], entries[e + 1]));
        return Collections.unmodifiableList(out);
    }

    /** A copy with {@code name} set to {@code value} ({@code null} for a flag), replacing the first of that name. */
    public Parameters with(String name, String value) {
        String entry = value == null ? ";" + name : ";" + name + "=" + value;
        int e = entryNamed(name);
        if (e >= 0) return make(text.substring(0, entryStart(e)) + entry + text.substring(entries[e + 4]));
        int end = afterLastEntry();
        return make(text.substring(0, end) + entry + text.substring(end));
    }

    /** A copy without any parameter of that name. */
    public Parameters without(String name) {
        StringBuilder out = new StringBuilder(text.length());
        boolean removed = false;
        for (int e = 0; e < entries.length; e += STRIDE) {
            if (named(e, name)) {
                removed = true;
            } else {
                out.append(text, entryStart(e), entries[e + 4]);
            }
        }
        if (!removed) return this;
        out.append(text, afterLastEntry(), text.length());
        return make(out.toString());
    }

    private Parameters make(String t) {
        return uri ? ofUri(t) : ofHeader(t);
    }

    /** The offset in {@link #entries} of the first entry called {@code name} (ignoring case), or -1. */
    private int entryNamed(String name) {
        for (int e = 0; e < entries.length; e += STRIDE) {
            if (named(e, name)) return e;
        }
        return -1;
    }

    private boolean named(int e, String name) {
        return entries[e + 1] - entries[e] == name.length() && text.regionMatches(true, entries[e], name, 0, name.length());
    }

    /** Where the entry at offset {@code e} starts: where the one before it ended. */
    private int entryStart(int e) {
        return e == 0 ? 0 : entries[e - 1];
    }

    /** Where the last entry ends (only whitespace may follow it), or 0 when there is none. */
    private int afterLastEntry() {
        return entries.length == 0 ? 0 : entries[entries.length - 1];
    }

    /** Every entry's place, checking each. */
    private int[] index() {
        int[] found = new int[STRIDE * 2];
        int n = 0;
        int[] r = new int[4];
        int pos = 0;
        while ((pos = next(pos, r)) >= 0) {
            if (n + STRIDE > found.length) found = Arrays.copyOf(found, found.length * 2);
            found[n] = r[0];
            found[n + 1] = r[1];
            found[n + 2] = r[2];
            found[n + 3] = r[3];
            found[n + 4] = pos;
            n += STRIDE;
        }
        return n == found.length ? found : Arrays.copyOf(found, n);
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
