package org.sipsocial.sip.message;

import java.util.ArrayList;
import java.util.List;
import org.sipsocial.sip.message.header.AuthHeader;
import org.sipsocial.sip.message.header.CSeq;
import org.sipsocial.sip.message.header.CommaList;
import org.sipsocial.sip.message.header.MediaType;
import org.sipsocial.sip.message.header.NameAddress;
import org.sipsocial.sip.message.header.ParameterizedValue;
import org.sipsocial.sip.message.header.Via;

/** Parses the value of a known header into its typed form (RFC 3261 §20 and the RFCs named per type). */
final class TypedHeaders {
    /** delta-seconds bound used for Expires (RFC 3261 §20.19 says 2**32-1 is the largest useful). */
    static final long MAX_DELTA_SECONDS = 0xFFFF_FFFFL;
    /** RFC 3261 §20.22: Max-Forwards is an integer in the range 0-255. */
    static final long MAX_MAX_FORWARDS = 255;

    private TypedHeaders() {
    }

    static Object parse(HeaderName name, String v) {
        if (name == null) return v;
        switch (name) {
            case VIA:
                return Via.parseList(v);
            case FROM:
            case TO:
                return NameAddress.parse(v);
            case CONTACT:
            case ROUTE:
            case RECORD_ROUTE:
            case PATH:
            case P_ASSERTED_IDENTITY:
                return NameAddress.parseList(v);
            case CSEQ:
                return CSeq.parse(v);
            case CALL_ID:
                return callId(v);
            case MAX_FORWARDS:
                return (int) Syntax.parseBounded(v, 0, v.length(), MAX_MAX_FORWARDS);
            case EXPIRES:
                return Syntax.parseBounded(v, 0, v.length(), MAX_DELTA_SECONDS);
            case CONTENT_LENGTH:
                return (int) Syntax.parseBounded(v, 0, v.length(), Integer.MAX_VALUE);
            case CONTENT_TYPE:
                return MediaType.parse(v);
            case ACCEPT:
                return mediaTypes(v);
            case REQUIRE:
            case PROXY_REQUIRE:
            case SUPPORTED:
            case UNSUPPORTED:
            case ALLOW:
                return CommaList.tokens(v);
            case WWW_AUTHENTICATE:
            case PROXY_AUTHENTICATE:
            case AUTHORIZATION:
            case PROXY_AUTHORIZATION:
                return AuthHeader.parse(v);
            case PRIVACY:
                return privacy(v);
            case EVENT:
            case SUBSCRIPTION_STATE:
                return ParameterizedValue.parse(v);
            default:
                return v;
        }
    }

    /** RFC 3261 §25.1: {@code callid = word [ "@" word ]}; no whitespace. */
    private static String callId(String v) {
        if (v.isEmpty()) throw new SipSyntaxException("empty Call-ID", 0);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c <= ' ' || c >= 127) throw new SipSyntaxException("bad Call-ID character", i);
        }
        return v;
    }

    private static List<MediaType> mediaTypes(String v) {
        if (v.isBlank()) return List.of();
        List<MediaType> out = new ArrayList<>();
        for (String item : CommaList.split(v)) out.add(MediaType.parse(item));
        return List.copyOf(out);
    }

    /** RFC 3323 §4.2: {@code Privacy-hdr = "Privacy" HCOLON priv-value *(";" priv-value)}. */
    private static List<String> privacy(String v) {
        List<String> out = new ArrayList<>();
        for (String item : v.split(";", -1)) {
            String t = item.strip();
            if (!Syntax.isToken(t)) throw new SipSyntaxException("bad priv-value: " + t, 0);
            out.add(t);
        }
        return List.copyOf(out);
    }
}
