package org.sipsocial.sip.message.uri;

import java.util.Locale;
import org.sipsocial.sip.message.SipSyntaxException;

/**
 * A URI of any scheme other than sip, sips and tel, kept opaque (RFC 3261 §25.1
 * {@code absoluteURI}; RFC 4475 §3.3.2 and §3.3.4 show that such schemes are legal syntax).
 * Equal when schemes match case-insensitively and the rest matches exactly.
 */
public final class AbsoluteUri implements Uri {
    private final String scheme;
    private final String text;

    private AbsoluteUri(String scheme, String text) {
        this.scheme = scheme;
        this.text = text;
    }

    static AbsoluteUri parse(String text, int colon) {
        if (colon + 1 >= text.length()) throw new SipSyntaxException("empty URI after scheme", colon);
        for (int i = colon + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c >= 127 || c == '<' || c == '>' || c == '"') {
                throw new SipSyntaxException("bad character in URI", i);
            }
        }
        return new AbsoluteUri(text.substring(0, colon).toLowerCase(Locale.ROOT), text);
    }

    @Override
    public String scheme() {
        return scheme;
    }

    /** Everything after {@code scheme:}. */
    public String schemeSpecificPart() {
        return text.substring(text.indexOf(':') + 1);
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AbsoluteUri && ((AbsoluteUri) o).scheme.equals(scheme)
                && ((AbsoluteUri) o).schemeSpecificPart().equals(schemeSpecificPart());
    }

    @Override
    public int hashCode() {
        return scheme.hashCode() * 31 + schemeSpecificPart().hashCode();
    }
}
