package org.sipsocial.sip.message.header;

import org.sipsocial.sip.message.Parameters;
import org.sipsocial.sip.message.SipSyntaxException;
import org.sipsocial.sip.message.Syntax;

/**
 * Content-Type / Accept entry, RFC 3261 §20.15, §20.1:
 * {@code media-type = m-type SLASH m-subtype *(SEMI m-parameter)}.
 */
public record MediaType(String type, String subtype, Parameters parameters) {
    public static final MediaType APPLICATION_SDP = new MediaType("application", "sdp", Parameters.EMPTY_HEADER);

    /** @throws SipSyntaxException when malformed */
    public static MediaType parse(String s) {
        int end = s.length();
        int i = Syntax.skipWhitespace(s, 0, end);
        int a = i;
        i = Syntax.tokenEnd(s, i, end);
        if (a == i) throw new SipSyntaxException("expected media type", a);
        String type = s.substring(a, i);
        i = Syntax.skipWhitespace(s, i, end);
        if (i >= end || s.charAt(i) != '/') throw new SipSyntaxException("expected '/'", i);
        i = Syntax.skipWhitespace(s, i + 1, end);
        int b = i;
        i = Syntax.tokenEnd(s, i, end);
        if (b == i) throw new SipSyntaxException("expected media subtype", b);
        return new MediaType(type, s.substring(b, i), Parameters.ofHeader(s.substring(i).strip()));
    }

    /** True when type and subtype match case-insensitively (parameters ignored). */
    public boolean is(String t, String sub) {
        return type.equalsIgnoreCase(t) && subtype.equalsIgnoreCase(sub);
    }

    @Override
    public String toString() {
        return type + "/" + subtype + parameters;
    }
}
