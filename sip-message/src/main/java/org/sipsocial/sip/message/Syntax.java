package org.sipsocial.sip.message;

/**
 * Character classes and small scanners of RFC 3261 §25.1.
 *
 * <pre>
 * token      = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~" )
 * LWS        = [*WSP CRLF] 1*WSP   ; linear whitespace
 * SWS        = [LWS]               ; sep whitespace
 * quoted-string = SWS DQUOTE *(qdtext / quoted-pair ) DQUOTE
 * quoted-pair   = "\" (%x00-09 / %x0B-0C / %x0E-7F)
 * </pre>
 *
 * Header values reach the typed parsers unfolded (each CRLF+WSP replaced by one SP), so LWS is
 * plain SP/HT here.
 */
public final class Syntax {
    private static final boolean[] TOKEN = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) TOKEN[c] = true;
        for (char c = 'a'; c <= 'z'; c++) TOKEN[c] = true;
        for (char c = 'A'; c <= 'Z'; c++) TOKEN[c] = true;
        for (char c : "-.!%*_+`'~".toCharArray()) TOKEN[c] = true;
    }

    private Syntax() {
    }

    public static boolean isToken(int c) {
        return c >= 0 && c < 128 && TOKEN[c];
    }

    public static boolean isWhitespace(int c) {
        return c == ' ' || c == '\t';
    }

    public static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    public static boolean isAlpha(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** True when {@code s} is a non-empty token. */
    public static boolean isToken(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            if (!isToken(s.charAt(i))) return false;
        }
        return true;
    }

    /** Index of the first non-SP/HT character at or after {@code i}, at most {@code end}. */
    public static int skipWhitespace(String s, int i, int end) {
        while (i < end && isWhitespace(s.charAt(i))) i++;
        return i;
    }

    /** End (exclusive) of the token starting at {@code i}; {@code i} when there is none. */
    public static int tokenEnd(String s, int i, int end) {
        while (i < end && isToken(s.charAt(i))) i++;
        return i;
    }

    /**
     * End (exclusive, after the closing DQUOTE) of the quoted-string whose opening DQUOTE is at
     * {@code i}.
     *
     * @throws SipSyntaxException when it is not terminated
     */
    public static int quotedEnd(String s, int i, int end) {
        int j = i + 1;
        while (j < end) {
            char c = s.charAt(j);
            if (c == '"') return j + 1;
            if (c == '\\') {
                j += 2;
            } else {
                j++;
            }
        }
        throw new SipSyntaxException("unterminated quoted-string", i);
    }

    /** Removes the quotes and quoted-pair escapes of a complete quoted-string. */
    public static String unquote(String quoted) {
        if (quoted.length() < 2 || quoted.charAt(0) != '"') return quoted;
        StringBuilder out = null;
        int last = quoted.length() - 1;
        for (int i = 1; i < last; i++) {
            char c = quoted.charAt(i);
            if (c == '\\' && i + 1 < last) {
                if (out == null) out = new StringBuilder(quoted.substring(1, i));
                out.append(quoted.charAt(++i));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? quoted.substring(1, last) : out.toString();
    }

    /** Quotes {@code s} as a quoted-string, escaping DQUOTE and backslash. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') out.append('\\');
            out.append(c);
        }
        return out.append('"').toString();
    }

    /**
     * Parses a non-negative decimal with leading zeros allowed, refusing anything above
     * {@code max}; never overflows (RFC 4475 §3.1.2.4).
     *
     * @throws SipSyntaxException when the text is not 1*DIGIT or exceeds {@code max}
     */
    public static long parseBounded(String s, int from, int to, long max) {
        if (from >= to) throw new SipSyntaxException("expected digits", from);
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) throw new SipSyntaxException("expected digits", i);
            v = v * 10 + (c - '0');
            if (v > max) throw new SipSyntaxException("number larger than " + max, i);
        }
        return v;
    }

    /** Replaces each fold (CRLF followed by SP/HT) and the whitespace around it by one SP. */
    public static String unfold(String s) {
        if (s.indexOf('\r') < 0 && s.indexOf('\n') < 0) return s;
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n') {
                int k = out.length();
                while (k > 0 && isWhitespace(out.charAt(k - 1))) k--;
                out.setLength(k);
                while (i < s.length() && (s.charAt(i) == '\r' || s.charAt(i) == '\n' || isWhitespace(s.charAt(i)))) i++;
                out.append(' ');
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
