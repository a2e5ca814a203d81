package org.sipsocial.sip.message;

import java.nio.charset.StandardCharsets;

/**
 * The header fields SIPsocial knows by name, with their compact forms (RFC 3261 §7.3.3, §20 and
 * the IANA SIP header registry) and whether a message may carry more than one value.
 * Names compare case-insensitively (RFC 3261 §7.3.1); {@code C%6Fntact} is not Contact
 * (RFC 4475 §3.1.1.5).
 */
public enum HeaderName {
    VIA("Via", 'v', true),
    FROM("From", 'f', false),
    TO("To", 't', false),
    CALL_ID("Call-ID", 'i', false),
    CSEQ("CSeq", '\0', false),
    MAX_FORWARDS("Max-Forwards", '\0', false),
    CONTACT("Contact", 'm', true),
    ROUTE("Route", '\0', true),
    RECORD_ROUTE("Record-Route", '\0', true),
    PATH("Path", '\0', true),
    EXPIRES("Expires", '\0', false),
    CONTENT_TYPE("Content-Type", 'c', false),
    CONTENT_LENGTH("Content-Length", 'l', false),
    CONTENT_ENCODING("Content-Encoding", 'e', true),
    REQUIRE("Require", '\0', true),
    PROXY_REQUIRE("Proxy-Require", '\0', true),
    SUPPORTED("Supported", 'k', true),
    UNSUPPORTED("Unsupported", '\0', true),
    ALLOW("Allow", '\0', true),
    ACCEPT("Accept", '\0', true),
    WWW_AUTHENTICATE("WWW-Authenticate", '\0', true),
    PROXY_AUTHENTICATE("Proxy-Authenticate", '\0', true),
    AUTHORIZATION("Authorization", '\0', true),
    PROXY_AUTHORIZATION("Proxy-Authorization", '\0', true),
    P_ASSERTED_IDENTITY("P-Asserted-Identity", '\0', true),
    PRIVACY("Privacy", '\0', true),
    USER_AGENT("User-Agent", '\0', true),
    SERVER("Server", '\0', true),
    DATE("Date", '\0', true),
    EVENT("Event", 'o', false),
    SUBSCRIPTION_STATE("Subscription-State", '\0', false),
    SUBJECT("Subject", 's', true),
    REFER_TO("Refer-To", 'r', true),
    REFERRED_BY("Referred-By", 'b', true),
    ALLOW_EVENTS("Allow-Events", 'u', true),
    ACCEPT_CONTACT("Accept-Contact", 'a', true),
    REJECT_CONTACT("Reject-Contact", 'j', true),
    REQUEST_DISPOSITION("Request-Disposition", 'd', true),
    SESSION_EXPIRES("Session-Expires", 'x', false),
    IDENTITY("Identity", 'y', true),
    TIMESTAMP("Timestamp", '\0', true);

    private static final HeaderName[] BY_COMPACT = new HeaderName[128];
    private static final HeaderName[][] BY_LENGTH = new HeaderName[32][];

    static {
        java.util.List<java.util.List<HeaderName>> lists = new java.util.ArrayList<>();
        for (int k = 0; k < 32; k++) lists.add(new java.util.ArrayList<>());
        for (HeaderName h : values()) {
            if (h.compact != '\0') BY_COMPACT[h.compact] = BY_COMPACT[Character.toUpperCase(h.compact)] = h;
            lists.get(h.text.length()).add(h);
        }
        for (int k = 0; k < 32; k++) BY_LENGTH[k] = lists.get(k).toArray(new HeaderName[0]);
    }

    private final String text;
    private final char compact;
    private final boolean multiple;
    private final byte[] lower;

    HeaderName(String text, char compact, boolean multiple) {
        this.text = text;
        this.compact = compact;
        this.multiple = multiple;
        this.lower = text.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    }

    /** The canonical (long) name, e.g. {@code Call-ID}. */
    public String text() {
        return text;
    }

    /** The compact form letter, or {@code '\0'} when there is none. */
    public char compact() {
        return compact;
    }

    /** False for headers that a message carries at most once (RFC 4475 §3.3.8). */
    public boolean allowsMultiple() {
        return multiple;
    }

    /** True when {@code name} is this header's long or compact name, ignoring case. */
    public boolean matches(String name) {
        return name.equalsIgnoreCase(text) || (compact != '\0' && name.length() == 1
                && Character.toLowerCase(name.charAt(0)) == compact);
    }

    /** The header called {@code name} (long or compact form, any case), or {@code null}. */
    public static HeaderName of(String name) {
        byte[] b = name.getBytes(StandardCharsets.UTF_8);
        return lookup(b, 0, b.length);
    }

    /** Allocation-free lookup of the name in {@code b[from, to)}; {@code null} when unknown. */
    static HeaderName lookup(byte[] b, int from, int to) {
        int len = to - from;
        if (len == 1) {
            int c = b[from];
            return c > 0 ? BY_COMPACT[c] : null;
        }
        if (len <= 0 || len >= 32) return null;
        outer:
        for (HeaderName h : BY_LENGTH[len]) {
            byte[] l = h.lower;
            for (int k = 0; k < len; k++) {
                int c = b[from + k];
                if (c >= 'A' && c <= 'Z') c += 32;
                if (c != l[k]) continue outer;
            }
            return h;
        }
        return null;
    }
}
