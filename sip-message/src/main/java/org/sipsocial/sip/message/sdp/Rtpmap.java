package org.sipsocial.sip.message.sdp;

import org.sipsocial.sip.message.SipSyntaxException;

/**
 * {@code a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]}, RFC 8866 §6.6.
 * {@code channels} is -1 when absent.
 */
public record Rtpmap(int payloadType, String encoding, int clockRate, int channels) {
    /** @throws SipSyntaxException when malformed */
    public static Rtpmap parse(String value) {
        int sp = value.indexOf(' ');
        if (sp <= 0) throw new SipSyntaxException("rtpmap needs '<pt> <encoding>/<rate>'", 0);
        int pt = number(value.substring(0, sp), 127);
        String[] f = value.substring(sp + 1).strip().split("/", -1);
        if (f.length < 2 || f.length > 3 || f[0].isEmpty()) throw new SipSyntaxException("bad rtpmap encoding", sp);
        return new Rtpmap(pt, f[0], number(f[1], Integer.MAX_VALUE), f.length == 3 ? number(f[2], 255) : -1);
    }

    static int number(String s, int max) {
        if (s.isEmpty() || s.length() > 10) throw new SipSyntaxException("expected a number: " + s, 0);
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') throw new SipSyntaxException("expected a number: " + s, i);
            v = v * 10 + (c - '0');
        }
        if (v > max) throw new SipSyntaxException("number too large: " + s, 0);
        return (int) v;
    }

    @Override
    public String toString() {
        return payloadType + " " + encoding + "/" + clockRate + (channels >= 0 ? "/" + channels : "");
    }
}
