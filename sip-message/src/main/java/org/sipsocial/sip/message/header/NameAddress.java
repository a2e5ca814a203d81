package org.sipsocial.sip.message.header;

import java.util.ArrayList;
import java.util.List;
import org.sipsocial.sip.message.Parameters;
import org.sipsocial.sip.message.SipSyntaxException;
import org.sipsocial.sip.message.Syntax;
import org.sipsocial.sip.message.uri.Uri;

/**
 * An address with header parameters: the value of From, To, Contact, Route, Record-Route, Path,
 * P-Asserted-Identity (RFC 3261 §20.10, §20.20, §20.30, §20.34, §20.39; RFC 3327; RFC 3325).
 *
 * <pre>
 * from-spec    = ( name-addr / addr-spec ) *( SEMI from-param )
 * name-addr    = [ display-name ] LAQUOT addr-spec RAQUOT
 * display-name = *(token LWS)/ quoted-string
 * contact-params = c-p-q / c-p-expires / contact-extension
 * </pre>
 * Without angle brackets, everything after the first {@code ;} is a header parameter and the URI
 * may not contain {@code ,}, {@code ?} or {@code ;} (RFC 3261 §20.10; RFC 4475 §3.1.2.13).
 * The Contact wildcard {@code *} is {@link #WILDCARD}. Display names without quotes are taken
 * leniently up to the {@code <} (RFC 4475 §3.1.2.15).
 */
public final class NameAddress {
    /** {@code Contact: *} (RFC 3261 §10.2.2). */
    public static final NameAddress WILDCARD = new NameAddress(null, null, Parameters.EMPTY_HEADER, "*");

    private final String displayName;
    private final Uri uri;
    private final Parameters parameters;
    private final String text;

    private NameAddress(String displayName, Uri uri, Parameters parameters, String text) {
        this.displayName = displayName;
        this.uri = uri;
        this.parameters = parameters;
        this.text = text != null ? text : render();
    }

    /** {@code [display-name] <uri>}; {@code displayName} may be {@code null}. */
    public static NameAddress of(String displayName, Uri uri) {
        return new NameAddress(displayName, java.util.Objects.requireNonNull(uri, "uri"), Parameters.EMPTY_HEADER, null);
    }

    /** Parses one from-spec / contact-param / rec-route. @throws SipSyntaxException when malformed */
    public static NameAddress parse(String s) {
        String v = s.strip();
        int end = v.length();
        if (end == 0) throw new SipSyntaxException("empty address", 0);
        String display = null;
        int i = 0;
        int lt;
        if (v.charAt(0) == '"') {
            int q = Syntax.quotedEnd(v, 0, end);
            display = Syntax.unquote(v.substring(0, q));
            lt = Syntax.skipWhitespace(v, q, end);
            if (lt >= end || v.charAt(lt) != '<') throw new SipSyntaxException("expected '<' after display name", lt);
        } else {
            lt = v.indexOf('<');
            if (lt > 0) {
                display = v.substring(0, lt).strip();
                if (display.indexOf('"') >= 0 || display.indexOf('>') >= 0) {
                    throw new SipSyntaxException("bad display name", 0);
                }
                if (display.isEmpty()) display = null;
            }
        }
        Uri uri;
        int paramsStart;
        if (lt >= 0) {
            int gt = v.indexOf('>', lt);
            if (gt < 0) throw new SipSyntaxException("expected '>'", end);
            uri = Uri.parse(v.substring(lt + 1, gt).strip());
            paramsStart = gt + 1;
        } else {
            int semi = v.indexOf(';');
            paramsStart = semi < 0 ? end : semi;
            String spec = v.substring(i, paramsStart).stripTrailing();
            for (int k = 0; k < spec.length(); k++) {
                char c = spec.charAt(k);
                if (c == '?' || c == ',' || c == ' ' || c == '\t' || c == '>') {
                    throw new SipSyntaxException("addr-spec without <> may not contain '" + c + "'", k);
                }
            }
            uri = Uri.parse(spec);
        }
        Parameters params = Parameters.ofHeader(v.substring(paramsStart));
        return new NameAddress(display, uri, params, v);
    }

    /** Parses a comma-separated list (Contact, Route, Record-Route, Path, P-Asserted-Identity). */
    public static List<NameAddress> parseList(String value) {
        List<String> parts = CommaList.split(value);
        if (parts.size() == 1) {
            return List.of(parts.get(0).equals("*") ? WILDCARD : parse(parts.get(0)));
        }
        List<NameAddress> out = new ArrayList<>(parts.size());
        for (String part : parts) {
            if (part.equals("*")) throw new SipSyntaxException("'*' must stand alone", 0);
            out.add(parse(part));
        }
        return List.copyOf(out);
    }

    public boolean isWildcard() {
        return this == WILDCARD;
    }

    /** The display name without quotes or escapes, or {@code null}. */
    public String displayName() {
        return displayName;
    }

    /** The URI ({@code null} only for {@link #WILDCARD}). */
    public Uri uri() {
        return uri;
    }

    public Parameters parameters() {
        return parameters;
    }

    /** The {@code tag} parameter (RFC 3261 §19.3), or {@code null}. */
    public String tag() {
        return parameters.get("tag");
    }

    /** Contact {@code expires} parameter in seconds, or -1 when absent (RFC 3261 §20.10). */
    public long expires() {
        String v = parameters.get("expires");
        return v == null || v.isEmpty() ? -1 : Syntax.parseBounded(v, 0, v.length(), 0xFFFF_FFFFL);
    }

    /** Contact {@code q} parameter, or -1 when absent. */
    public double q() {
        String v = parameters.get("q");
        if (v == null) return -1;
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new SipSyntaxException("bad q value: " + v, 0);
        }
    }

    /** Contact {@code +sip.instance} (RFC 5626 §4.1) without its quotes, or {@code null}. */
    public String instance() {
        String v = parameters.get("+sip.instance");
        return v == null ? null : Syntax.unquote(v);
    }

    /** Contact {@code reg-id} (RFC 5626 §4.2), or -1. */
    public long regId() {
        String v = parameters.get("reg-id");
        return v == null || v.isEmpty() ? -1 : Syntax.parseBounded(v, 0, v.length(), 0xFFFF_FFFFL);
    }

    public NameAddress withParameter(String name, String value) {
        return new NameAddress(displayName, uri, parameters.with(name, value), null);
    }

    public NameAddress withoutParameter(String name) {
        return new NameAddress(displayName, uri, parameters.without(name), null);
    }

    /** A copy with {@code tag} set (what a UAS adds to To, RFC 3261 §8.2.6.2). */
    public NameAddress withTag(String tag) {
        return withParameter("tag", tag);
    }

    public NameAddress withUri(Uri newUri) {
        return new NameAddress(displayName, java.util.Objects.requireNonNull(newUri, "uri"), parameters, null);
    }

    private String render() {
        StringBuilder b = new StringBuilder(64);
        if (displayName != null) b.append(Syntax.quote(displayName)).append(' ');
        return b.append('<').append(uri).append('>').append(parameters).toString();
    }

    /** The value as written, or canonically ({@code "name" <uri>;params}) when created or changed. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NameAddress && ((NameAddress) o).text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
