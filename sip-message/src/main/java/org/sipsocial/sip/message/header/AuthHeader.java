package org.sipsocial.sip.message.header;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.sipsocial.sip.message.SipSyntaxException;
import org.sipsocial.sip.message.Syntax;

/**
 * A challenge or credentials: WWW-Authenticate, Proxy-Authenticate, Authorization,
 * Proxy-Authorization (RFC 3261 §20.44, §20.27, §20.7, §20.28; §25.1).
 *
 * <pre>
 * challenge   = ("Digest" LWS digest-cln *(COMMA digest-cln)) / other-challenge
 * credentials = ("Digest" LWS digest-response) / other-response
 * auth-param  = auth-param-name EQUAL ( token / quoted-string )
 * </pre>
 * Parameters are kept in order with lower-case names and values as written; an unknown scheme
 * whose data is not auth-params keeps it in {@link #data()} (RFC 4475 §3.3.7).
 */
public record AuthHeader(String scheme, Map<String, String> parameters, String data) {

    /** @throws SipSyntaxException when there is no scheme */
    public static AuthHeader parse(String s) {
        int end = s.length();
        int i = Syntax.skipWhitespace(s, 0, end);
        int a = i;
        i = Syntax.tokenEnd(s, i, end);
        if (a == i) throw new SipSyntaxException("expected an auth scheme", a);
        String scheme = s.substring(a, i);
        String rest = s.substring(i).strip();
        Map<String, String> params = new LinkedHashMap<>();
        if (!rest.isEmpty()) {
            try {
                for (String item : CommaList.split(rest)) {
                    int eq = item.indexOf('=');
                    if (eq <= 0) throw new SipSyntaxException("auth-param without '='", 0);
                    String name = item.substring(0, eq).strip();
                    String value = item.substring(eq + 1).strip();
                    if (!Syntax.isToken(name) || value.isEmpty()) throw new SipSyntaxException("bad auth-param", 0);
                    if (value.charAt(0) == '"' && Syntax.quotedEnd(value, 0, value.length()) != value.length()) {
                        throw new SipSyntaxException("bad quoted auth-param", 0);
                    }
                    params.put(name.toLowerCase(Locale.ROOT), value);
                }
            } catch (SipSyntaxException notParams) {
                if (scheme.equalsIgnoreCase("Digest")) throw notParams;
                params.clear();
            }
        }
        return new AuthHeader(scheme, java.util.Collections.unmodifiableMap(params), rest);
    }

    /** True for {@code Digest} (case-insensitive). */
    public boolean isDigest() {
        return scheme.equalsIgnoreCase("Digest");
    }

    /** The parameter value without quotes, or {@code null}. */
    public String parameter(String name) {
        String v = parameters.get(name.toLowerCase(Locale.ROOT));
        return v == null ? null : Syntax.unquote(v);
    }

    @Override
    public String toString() {
        return data.isEmpty() ? scheme : scheme + " " + data;
    }
}
