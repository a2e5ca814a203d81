package org.sipsocial.sip.message.header;

import org.sipsocial.sip.message.Parameters;
import org.sipsocial.sip.message.SipSyntaxException;
import org.sipsocial.sip.message.Syntax;

/**
 * A token with header parameters: Event (RFC 6665 §8.4: {@code event-type *( SEMI event-param )})
 * and Subscription-State (RFC 6665 §8.4: {@code substate-value *( SEMI subexp-params )}).
 */
public record ParameterizedValue(String value, Parameters parameters) {

    /** @throws SipSyntaxException when malformed */
    public static ParameterizedValue parse(String s) {
        int end = s.length();
        int i = Syntax.skipWhitespace(s, 0, end);
        int a = i;
        i = Syntax.tokenEnd(s, i, end);
        if (a == i) throw new SipSyntaxException("expected a token", a);
        return new ParameterizedValue(s.substring(a, i), Parameters.ofHeader(s.substring(i).strip()));
    }

    @Override
    public String toString() {
        return value + parameters;
    }
}
