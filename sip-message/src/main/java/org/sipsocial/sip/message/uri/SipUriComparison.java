package org.sipsocial.sip.message.uri;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.sipsocial.sip.message.Parameters;

/**
 * URI comparison of RFC 3261 §19.1.4:
 * <ul>
 * <li>sip and sips URIs never match; userinfo compares case-sensitively after unescaping; the
 *     host case-insensitively; a port matches only the same explicit port (no default).</li>
 * <li>a uri-parameter in both must match (case-insensitively); {@code transport}, {@code user}, {@code ttl},
 *     {@code method} and {@code maddr} in only one never match; other parameters in only one
 *     are ignored.</li>
 * <li>header components are never ignored: each must be in both and match.</li>
 * </ul>
 */
final class SipUriComparison {
    private static final Set<String> MUST_BE_IN_BOTH = Set.of("transport", "user", "ttl", "method", "maddr");

    private SipUriComparison() {
    }

    static boolean equivalent(SipUri a, SipUri b) {
        if (a == b) return true;
        if (a.isSecure() != b.isSecure() || a.port() != b.port()) return false;
        if (!a.host().equalsIgnoreCase(b.host())) return false;
        if (!java.util.Objects.equals(a.user(), b.user())) return false;
        if (!java.util.Objects.equals(unescape(a.password()), unescape(b.password()))) return false;
        return parametersMatch(a.parameters(), b.parameters()) && headersMatch(a.headers(), b.headers());
    }

    private static String unescape(String s) {
        return s == null ? null : Escapes.decode(s);
    }

    private static boolean parametersMatch(Parameters a, Parameters b) {
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        names.addAll(a.names());
        names.addAll(b.names());
        for (String name : names) {
            String va = a.get(name);
            String vb = b.get(name);
            if (va == null || vb == null) {
                if (MUST_BE_IN_BOTH.contains(name.toLowerCase(Locale.ROOT))) return false;
                continue;
            }
            if (!Escapes.decode(va).equalsIgnoreCase(Escapes.decode(vb))) return false;
        }
        return true;
    }

    private static boolean headersMatch(String a, String b) {
        return headerSet(a).equals(headerSet(b));
    }

    private static Set<String> headerSet(String headers) {
        Set<String> out = new TreeSet<>();
        if (headers == null || headers.isEmpty()) return out;
        for (String h : headers.split("&", -1)) {
            int eq = h.indexOf('=');
            String name = eq < 0 ? h : h.substring(0, eq);
            String value = eq < 0 ? "" : h.substring(eq + 1);
            out.add(Escapes.decode(name).toLowerCase(Locale.ROOT) + "=" + Escapes.decode(value));
        }
        return out;
    }
}
