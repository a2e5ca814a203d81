package org.sipsocial.sip.message.header;

import java.util.ArrayList;
import java.util.List;
import org.sipsocial.sip.message.SipSyntaxException;
import org.sipsocial.sip.message.Syntax;

/**
 * Splits a header value at its top-level commas (RFC 3261 §7.3.1: several values of one header
 * in one line, {@code COMMA = SWS "," SWS}). Commas inside quoted strings and inside
 * {@code <...>} do not split. Empty elements are refused (RFC 4475 §3.1.2.1).
 */
public final class CommaList {
    private CommaList() {
    }

    /** The trimmed elements. @throws SipSyntaxException on an empty element or open quote */
    public static List<String> split(String value) {
        int end = value.length();
        List<String> out = new ArrayList<>(2);
        int start = 0;
        int i = 0;
        while (i < end) {
            char c = value.charAt(i);
            if (c == '"') {
                i = Syntax.quotedEnd(value, i, end);
                continue;
            }
            if (c == '<') {
                int gt = value.indexOf('>', i);
                if (gt < 0) throw new SipSyntaxException("unterminated '<'", i);
                i = gt + 1;
                continue;
            }
            if (c == ',') {
                out.add(element(value, start, i));
                start = i + 1;
            }
            i++;
        }
        out.add(element(value, start, end));
        return out;
    }

    /** Comma-separated tokens (Require, Supported, Allow, ...); an empty value gives an empty list. */
    public static List<String> tokens(String value) {
        if (value.isBlank()) return List.of();
        List<String> items = split(value);
        for (int k = 0; k < items.size(); k++) {
            if (!Syntax.isToken(items.get(k))) throw new SipSyntaxException("expected a token: " + items.get(k), 0);
        }
        return List.copyOf(items);
    }

    private static String element(String value, int from, int to) {
        int a = Syntax.skipWhitespace(value, from, to);
        int b = to;
        while (b > a && Syntax.isWhitespace(value.charAt(b - 1))) b--;
        if (a == b) throw new SipSyntaxException("empty list element", from);
        return value.substring(a, b);
    }
}
