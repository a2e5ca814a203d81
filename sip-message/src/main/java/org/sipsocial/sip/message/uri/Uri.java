package org.sipsocial.sip.message.uri;

import org.sipsocial.sip.message.SipSyntaxException;
import org.sipsocial.sip.message.Syntax;

/**
 * A URI as SIP carries it (RFC 3261 §19, §25.1): {@link SipUri} for {@code sip:}/{@code sips:},
 * {@link TelUri} for {@code tel:} (RFC 3966), and {@link AbsoluteUri} for any other scheme.
 *
 * <pre>
 * Request-URI  = SIP-URI / SIPS-URI / absoluteURI
 * absoluteURI  = scheme ":" ( hier-part / opaque-part )
 * scheme       = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
 * </pre>
 * {@code toString()} gives the URI text; {@code equals} follows the comparison rules of the scheme
 * (RFC 3261 §19.1.4 for SIP).
 */
public sealed interface Uri permits SipUri, TelUri, AbsoluteUri {

    /** The scheme in lower case. */
    String scheme();

    /**
     * Parses a URI.
     *
     * @throws SipSyntaxException when the text is not a URI
     */
    static Uri parse(String text) {
        int colon = schemeEnd(text);
        String scheme = text.substring(0, colon);
        if (scheme.equalsIgnoreCase("sip") || scheme.equalsIgnoreCase("sips")) {
            return SipUri.parse(text, colon);
        }
        if (scheme.equalsIgnoreCase("tel")) {
            return TelUri.parse(text, colon);
        }
        return AbsoluteUri.parse(text, colon);
    }

    private static int schemeEnd(String text) {
        if (text.isEmpty() || !Syntax.isAlpha(text.charAt(0))) {
            throw new SipSyntaxException("URI must start with a scheme", 0);
        }
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ':') return i;
            if (!(Syntax.isAlpha(c) || Syntax.isDigit(c) || c == '+' || c == '-' || c == '.')) {
                throw new SipSyntaxException("bad scheme character", i);
            }
        }
        throw new SipSyntaxException("URI without ':'", text.length());
    }
}
