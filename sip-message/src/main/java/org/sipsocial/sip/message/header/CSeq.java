package org.sipsocial.sip.message.header;

import org.sipsocial.sip.message.SipSyntaxException;
import org.sipsocial.sip.message.Syntax;

/**
 * CSeq, RFC 3261 §20.16: {@code CSeq = "CSeq" HCOLON 1*DIGIT LWS Method}. The number is below
 * 2**31 (RFC 3261 §8.1.1.5); larger values are refused (RFC 4475 §3.1.2.4).
 */
public record CSeq(long number, String method) {
    public static final long MAX = 0x7FFF_FFFFL;

    public CSeq {
        if (number < 0 || number > MAX) throw new IllegalArgumentException("CSeq out of range: " + number);
        if (!Syntax.isToken(method)) throw new IllegalArgumentException("bad method: " + method);
    }

    /** @throws SipSyntaxException when malformed or out of range */
    public static CSeq parse(String s) {
        int end = s.length();
        int i = Syntax.skipWhitespace(s, 0, end);
        int a = i;
        while (i < end && Syntax.isDigit(s.charAt(i))) i++;
        long n = Syntax.parseBounded(s, a, i, MAX);
        int m = Syntax.skipWhitespace(s, i, end);
        if (m == i) throw new SipSyntaxException("expected LWS after CSeq number", i);
        int me = Syntax.tokenEnd(s, m, end);
        if (me == m || Syntax.skipWhitespace(s, me, end) != end) throw new SipSyntaxException("bad CSeq method", m);
        return new CSeq(n, s.substring(m, me));
    }

    @Override
    public String toString() {
        return number + " " + method;
    }
}
