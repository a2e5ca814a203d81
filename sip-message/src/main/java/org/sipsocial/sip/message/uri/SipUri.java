package org.sipsocial.sip.message.uri;

import java.util.Locale;
import java.util.Objects;
import org.sipsocial.sip.message.Parameters;
import org.sipsocial.sip.message.SipSyntaxException;
import org.sipsocial.sip.message.Syntax;

/**
 * A {@code sip:} or {@code sips:} URI, RFC 3261 §19.1.
 *
 * <pre>
 * SIP-URI   = "sip:" [ userinfo ] hostport uri-parameters [ headers ]
 * SIPS-URI  = "sips:" [ userinfo ] hostport uri-parameters [ headers ]
 * userinfo  = ( user / telephone-subscriber ) [ ":" password ] "@"
 * user      = 1*( unreserved / escaped / user-unreserved )
 * user-unreserved = "&amp;" / "=" / "+" / "$" / "," / ";" / "?" / "/"
 * hostport  = host [ ":" port ]
 * headers   = "?" header *( "&amp;" header )
 * </pre>
 * The user part is kept as written ({@link #rawUser()}) and unescaped on request
 * ({@link #user()}); {@link #equals(Object)} implements the comparison of RFC 3261 §19.1.4.
 */
public final class SipUri implements Uri {
    private final boolean secure;
    private final String rawUser;
    private final String password;
    private final String host;
    private final int port;
    private final Parameters parameters;
    private final String headers;
    private final String text;

    private SipUri(boolean secure, String rawUser, String password, String host, int port,
                   Parameters parameters, String headers, String text) {
        this.secure = secure;
        this.rawUser = rawUser;
        this.password = password;
        this.host = host;
        this.port = port;
        this.parameters = parameters;
        this.headers = headers;
        this.text = text != null ? text : render();
    }

    /** A URI {@code sip:user@host[:port]}; {@code user} unescaped ({@code null} for none), {@code port} -1 for none. */
    public static SipUri of(String user, String host, int port) {
        String raw = user == null ? null : Escapes.encode(user, SipUri::isUserChar);
        return new SipUri(false, raw, null, checkHost(host), checkPort(port), Parameters.EMPTY_URI, null, null);
    }

    static SipUri parse(String text, int colon) {
        boolean secure = colon == 4;
        int end = text.length();
        int i = colon + 1;
        String rawUser = null;
        String password = null;
        int at = text.indexOf('@', i);
        if (at >= 0) {
            int pw = text.indexOf(':', i);
            int userEnd = pw >= 0 && pw < at ? pw : at;
            rawUser = text.substring(i, userEnd);
            if (rawUser.isEmpty()) throw new SipSyntaxException("empty user", i);
            checkChars(rawUser, i, true);
            if (userEnd < at) {
                password = text.substring(userEnd + 1, at);
                checkChars(password, userEnd + 1, false);
            }
            i = at + 1;
        }
        int hostStart = i;
        if (i < end && text.charAt(i) == '[') {
            int close = text.indexOf(']', i);
            if (close < 0) throw new SipSyntaxException("unterminated IPv6 reference", i);
            i = close + 1;
        } else {
            while (i < end && isHostChar(text.charAt(i))) i++;
        }
        if (i == hostStart) throw new SipSyntaxException("missing host", i);
        String host = text.substring(hostStart, i);
        int port = -1;
        if (i < end && text.charAt(i) == ':') {
            int portStart = ++i;
            while (i < end && Syntax.isDigit(text.charAt(i))) i++;
            port = (int) Syntax.parseBounded(text, portStart, i, 65535);
        }
        int q = text.indexOf('?', i);
        int paramsEnd = q < 0 ? end : q;
        if (i < paramsEnd && text.charAt(i) != ';') throw new SipSyntaxException("unexpected character after host", i);
        Parameters params = Parameters.ofUri(text.substring(i, paramsEnd));
        String headers = null;
        if (q >= 0) {
            headers = text.substring(q + 1);
            for (int k = 0; k < headers.length(); k++) {
                char c = headers.charAt(k);
                if (!(isUnreserved(c) || c == '%' || "[]/?:+$=&".indexOf(c) >= 0)) {
                    throw new SipSyntaxException("bad character in URI headers", q + 1 + k);
                }
            }
            if (!Escapes.wellFormed(headers)) throw new SipSyntaxException("bad escape in URI headers", q);
        }
        return new SipUri(secure, rawUser, password, host, port, params, headers, text);
    }

    private static void checkChars(String s, int offset, boolean user) {
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            boolean ok = user ? isUserChar(c) || c == '%' : isUnreserved(c) || c == '%' || "&=+$,".indexOf(c) >= 0;
            if (!ok) throw new SipSyntaxException("bad character in userinfo", offset + k);
        }
        if (!Escapes.wellFormed(s)) throw new SipSyntaxException("bad escape in userinfo", offset);
    }

    private static boolean isUserChar(int c) {
        return isUnreserved(c) || "&=+$,;?/".indexOf(c) >= 0;
    }

    static boolean isUnreserved(int c) {
        return Syntax.isAlpha(c) || Syntax.isDigit(c) || "-_.!~*'()".indexOf(c) >= 0;
    }

    private static boolean isHostChar(char c) {
        return Syntax.isAlpha(c) || Syntax.isDigit(c) || c == '-' || c == '.' || c == '_';
    }

    private static String checkHost(String host) {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) throw new IllegalArgumentException("empty host");
        if (host.charAt(0) != '[') {
            for (int k = 0; k < host.length(); k++) {
                if (!isHostChar(host.charAt(k))) throw new IllegalArgumentException("bad host: " + host);
            }
        }
        return host;
    }

    private static int checkPort(int port) {
        if (port < -1 || port > 65535) throw new IllegalArgumentException("bad port: " + port);
        return port;
    }

    @Override
    public String scheme() {
        return secure ? "sips" : "sip";
    }

    public boolean isSecure() {
        return secure;
    }

    /** The user part unescaped, or {@code null}. */
    public String user() {
        return rawUser == null ? null : Escapes.decode(rawUser);
    }

    /** The user part as written, or {@code null}. */
    public String rawUser() {
        return rawUser;
    }

    public String password() {
        return password;
    }

    public String host() {
        return host;
    }

    /** The port, or -1 when the URI names none. */
    public int port() {
        return port;
    }

    public Parameters parameters() {
        return parameters;
    }

    /** The {@code ?headers} part without the {@code ?}, or {@code null}. */
    public String headers() {
        return headers;
    }

    /** {@code transport} parameter in lower case, or {@code null}. */
    public String transport() {
        String t = parameters.get("transport");
        return t == null ? null : t.toLowerCase(Locale.ROOT);
    }

    /** True when the {@code lr} parameter is present (RFC 3261 §19.1.1 loose routing). */
    public boolean isLooseRouting() {
        return parameters.has("lr");
    }

    public SipUri withHost(String newHost) {
        return new SipUri(secure, rawUser, password, checkHost(newHost), port, parameters, headers, null);
    }

    public SipUri withPort(int newPort) {
        return new SipUri(secure, rawUser, password, host, checkPort(newPort), parameters, headers, null);
    }

    /** A copy with the user set ({@code null} removes it); {@code user} unescaped. */
    public SipUri withUser(String user) {
        String raw = user == null ? null : Escapes.encode(user, SipUri::isUserChar);
        return new SipUri(secure, raw, password, host, port, parameters, headers, null);
    }

    public SipUri withSecure(boolean newSecure) {
        return new SipUri(newSecure, rawUser, password, host, port, parameters, headers, null);
    }

    public SipUri withParameter(String name, String value) {
        return new SipUri(secure, rawUser, password, host, port, parameters.with(name, value), headers, null);
    }

    public SipUri withoutParameter(String name) {
        return new SipUri(secure, rawUser, password, host, port, parameters.without(name), headers, null);
    }

    /** A copy without {@code ?headers} (what a proxy puts in a Request-URI, RFC 3261 §19.1.5). */
    public SipUri withoutHeaders() {
        return headers == null ? this : new SipUri(secure, rawUser, password, host, port, parameters, null, null);
    }

    private String render() {
        StringBuilder b = new StringBuilder(32).append(secure ? "sips:" : "sip:");
        if (rawUser != null) {
            b.append(rawUser);
            if (password != null) b.append(':').append(password);
            b.append('@');
        }
        b.append(host);
        if (port >= 0) b.append(':').append(port);
        b.append(parameters);
        if (headers != null) b.append('?').append(headers);
        return b.toString();
    }

    @Override
    public String toString() {
        return text;
    }

    /** RFC 3261 §19.1.4 comparison. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SipUri && SipUriComparison.equivalent(this, (SipUri) o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(secure, host.toLowerCase(Locale.ROOT), port, user());
    }
}
