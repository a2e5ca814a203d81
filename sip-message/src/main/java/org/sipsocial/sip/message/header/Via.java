package org.sipsocial.sip.message.header;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.sipsocial.sip.message.Parameters;
import org.sipsocial.sip.message.SipSyntaxException;
import org.sipsocial.sip.message.Syntax;

/**
 * One Via entry, RFC 3261 §20.42, §18.2.1 ({@code received}), RFC 3581 ({@code rport}),
 * RFC 5923 ({@code alias}).
 *
 * <pre>
 * Via           = ( "Via" / "v" ) HCOLON via-parm *(COMMA via-parm)
 * via-parm      = sent-protocol LWS sent-by *( SEMI via-params )
 * sent-protocol = protocol-name SLASH protocol-version SLASH transport
 * sent-by       = host [ COLON port ]
 * via-params    = via-ttl / via-maddr / via-received / via-branch / response-port / via-extension
 * response-port = "rport" [EQUAL 1*DIGIT]     ; RFC 3581 §3
 * </pre>
 */
public final class Via {
    /** RFC 3261 §8.1.1.7: branches of RFC 3261 elements start with this magic cookie. */
    public static final String MAGIC_COOKIE = "z9hG4bK";

    private final String protocol;
    private final String transport;
    private final String host;
    private final int port;
    private final Parameters parameters;
    private final String text;

    private Via(String protocol, String transport, String host, int port, Parameters parameters, String text) {
        this.protocol = protocol;
        this.transport = transport;
        this.host = host;
        this.port = port;
        this.parameters = parameters;
        this.text = text != null ? text : render();
    }

    /** A new {@code SIP/2.0/<transport> host[:port];branch=...} entry ({@code port} -1 for none). */
    public static Via of(String transport, String host, int port, String branch) {
        return create(transport, host, port, branch == null ? "" : ";branch=" + branch);
    }

    /**
     * As {@link #of(String, String, int, String)}, with an empty {@code rport} after the branch: a client asking for
     * responses at the port the request left from (RFC 3581 §3).
     */
    public static Via ofAskingRport(String transport, String host, int port, String branch) {
        return create(transport, host, port, (branch == null ? "" : ";branch=" + branch) + ";rport");
    }

    private static Via create(String transport, String host, int port, String parameters) {
        if (!Syntax.isToken(transport)) throw new IllegalArgumentException("bad transport: " + transport);
        if (port < -1 || port > 65535) throw new IllegalArgumentException("bad port: " + port);
        Objects.requireNonNull(host, "host");
        Parameters p = parameters.isEmpty() ? Parameters.EMPTY_HEADER : Parameters.ofHeader(parameters);
        return new Via("SIP/2.0", transport.toUpperCase(Locale.ROOT), host, port, p, null);
    }

    /** Parses a whole Via header value (one or more via-parm). */
    public static List<Via> parseList(String value) {
        if (value.indexOf(',') < 0) return List.of(parse(value.strip()));
        List<String> parts = CommaList.split(value);
        List<Via> out = new ArrayList<>(parts.size());
        for (String part : parts) out.add(parse(part));
        return List.copyOf(out);
    }

    /** Parses one via-parm. @throws SipSyntaxException when malformed */
    public static Via parse(String s) {
        int end = s.length();
        int i = Syntax.skipWhitespace(s, 0, end);
        int a = i;
        i = Syntax.tokenEnd(s, i, end);
        String name = need(s, a, i, "protocol name");
        i = slash(s, i, end);
        a = i;
        i = Syntax.tokenEnd(s, i, end);
        String version = need(s, a, i, "protocol version");
        i = slash(s, i, end);
        a = i;
        i = Syntax.tokenEnd(s, i, end);
        String transport = need(s, a, i, "transport");
        int hostStart = Syntax.skipWhitespace(s, i, end);
        if (hostStart == i) throw new SipSyntaxException("expected LWS before sent-by", i);
        i = hostStart;
        if (i < end && s.charAt(i) == '[') {
            int close = s.indexOf(']', i);
            if (close < 0) throw new SipSyntaxException("unterminated IPv6 reference", i);
            i = close + 1;
        } else {
            while (i < end && (Syntax.isAlpha(s.charAt(i)) || Syntax.isDigit(s.charAt(i))
                    || s.charAt(i) == '-' || s.charAt(i) == '.' || s.charAt(i) == '_')) i++;
        }
        String host = need(s, hostStart, i, "host");
        i = Syntax.skipWhitespace(s, i, end);
        int port = -1;
        if (i < end && s.charAt(i) == ':') {
            i = Syntax.skipWhitespace(s, i + 1, end);
            a = i;
            while (i < end && Syntax.isDigit(s.charAt(i))) i++;
            port = (int) Syntax.parseBounded(s, a, i, 65535);
        }
        Parameters params = Parameters.ofHeader(s.substring(i).stripTrailing());
        String protocol = name.equals("SIP") && version.equals("2.0") ? "SIP/2.0" : name + "/" + version;
        String rport = params.get("rport");
        if (rport != null && !rport.isEmpty()) Syntax.parseBounded(rport, 0, rport.length(), 65535);
        return new Via(protocol, transport, host, port, params, s.strip());
    }

    private static String need(String s, int from, int to, String what) {
        if (from == to) throw new SipSyntaxException("expected " + what, from);
        return s.substring(from, to);
    }

    private static int slash(String s, int i, int end) {
        i = Syntax.skipWhitespace(s, i, end);
        if (i >= end || s.charAt(i) != '/') throw new SipSyntaxException("expected '/'", i);
        return Syntax.skipWhitespace(s, i + 1, end);
    }

    /** {@code SIP/2.0} (protocol-name/protocol-version). */
    public String protocol() {
        return protocol;
    }

    /** The transport in upper case ({@code UDP}, {@code TCP}, {@code TLS}, {@code SCTP}, {@code WS}, or an unknown token). */
    public String transport() {
        return transport.toUpperCase(Locale.ROOT);
    }

    public String host() {
        return host;
    }

    /** The sent-by port, or -1 when absent (default for the transport applies). */
    public int port() {
        return port;
    }

    /** {@code host[:port]}. */
    public String sentBy() {
        return port < 0 ? host : host + ":" + port;
    }

    public Parameters parameters() {
        return parameters;
    }

    /** The branch parameter, or {@code null} (RFC 2543 peers, RFC 4475 §3.4.1). */
    public String branch() {
        return parameters.get("branch");
    }

    /** True when the branch starts with the magic cookie {@code z9hG4bK} (RFC 3261 §17.2.3 matching applies). */
    public boolean hasRfc3261Branch() {
        String b = branch();
        return b != null && b.startsWith(MAGIC_COOKIE);
    }

    public String received() {
        return parameters.get("received");
    }

    public String maddr() {
        return parameters.get("maddr");
    }

    /** True when {@code rport} is present, with or without a value (RFC 3581 §4). */
    public boolean hasRport() {
        return parameters.has("rport");
    }

    /** The rport value, or -1 when absent or empty. */
    public int rport() {
        String v = parameters.get("rport");
        return v == null || v.isEmpty() ? -1 : Integer.parseInt(v);
    }

    /** True when the {@code alias} parameter is present (RFC 5923 §6: connection reuse requested). */
    public boolean hasAlias() {
        return parameters.has("alias");
    }

    public Via withParameter(String name, String value) {
        return new Via(protocol, transport, host, port, parameters.with(name, value), null);
    }

    public Via withoutParameter(String name) {
        return new Via(protocol, transport, host, port, parameters.without(name), null);
    }

    /** RFC 3261 §18.2.1: the address the request really came from. */
    public Via withReceived(String address) {
        return withParameter("received", address);
    }

    /** RFC 3581 §4: the source port the request came from. */
    public Via withRport(int sourcePort) {
        return withParameter("rport", Integer.toString(sourcePort));
    }

    /**
     * {@link #withReceived} and {@link #withRport} at once, the entry written once (RFC 3581 §4: a server stamps both
     * on a request whose Via asks for rport).
     */
    public Via withReceivedAndRport(String address, int sourcePort) {
        return new Via(protocol, transport, host, port,
                parameters.with("received", address).with("rport", Integer.toString(sourcePort)), null);
    }

    private String render() {
        StringBuilder b = new StringBuilder(48).append(protocol).append('/').append(transport).append(' ').append(host);
        if (port >= 0) b.append(':').append(port);
        return b.append(parameters).toString();
    }

    /** The entry as written, or canonically when created or changed. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Via && ((Via) o).text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
