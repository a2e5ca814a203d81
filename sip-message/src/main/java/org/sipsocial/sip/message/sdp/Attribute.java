package org.sipsocial.sip.message.sdp;

import org.sipsocial.sip.message.SipSyntaxException;

/**
 * {@code a=} line, RFC 8866 §5.13: {@code attribute = (attribute-name ":" attribute-value) / attribute-name}.
 * {@code value} is {@code null} for a property attribute such as {@code a=rtcp-mux}.
 */
public record Attribute(String name, String value) {
    public static Attribute flag(String name) {
        return new Attribute(name, null);
    }

    /** @throws SipSyntaxException when the name is empty */
    public static Attribute parse(String text) {
        int colon = text.indexOf(':');
        String name = colon < 0 ? text : text.substring(0, colon);
        if (name.isEmpty()) throw new SipSyntaxException("empty attribute name", 0);
        return new Attribute(name, colon < 0 ? null : text.substring(colon + 1));
    }

    @Override
    public String toString() {
        return value == null ? name : name + ":" + value;
    }
}
