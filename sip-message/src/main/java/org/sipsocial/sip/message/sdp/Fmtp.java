package org.sipsocial.sip.message.sdp;

import org.sipsocial.sip.message.SipSyntaxException;

/** {@code a=fmtp:<format> <format specific parameters>}, RFC 8866 §6.15. */
public record Fmtp(String format, String parameters) {
    /** @throws SipSyntaxException when there is no format */
    public static Fmtp parse(String value) {
        int sp = value.indexOf(' ');
        String format = sp < 0 ? value : value.substring(0, sp);
        if (format.isEmpty()) throw new SipSyntaxException("fmtp needs a format", 0);
        return new Fmtp(format, sp < 0 ? "" : value.substring(sp + 1));
    }

    @Override
    public String toString() {
        return parameters.isEmpty() ? format : format + " " + parameters;
    }
}
