package org.sipsocial.sip.message;

/**
 * Method names of RFC 3261 §7.1 and its extensions. Methods are case-sensitive tokens; any
 * other token is an extension method (RFC 4475 §3.1.1.2).
 */
public final class SipMethod {
    public static final String INVITE = "INVITE";
    public static final String ACK = "ACK";
    public static final String BYE = "BYE";
    public static final String CANCEL = "CANCEL";
    public static final String REGISTER = "REGISTER";
    public static final String OPTIONS = "OPTIONS";
    public static final String PRACK = "PRACK";
    public static final String SUBSCRIBE = "SUBSCRIBE";
    public static final String NOTIFY = "NOTIFY";
    public static final String PUBLISH = "PUBLISH";
    public static final String INFO = "INFO";
    public static final String REFER = "REFER";
    public static final String MESSAGE = "MESSAGE";
    public static final String UPDATE = "UPDATE";

    private static final String[] KNOWN = {INVITE, ACK, BYE, CANCEL, REGISTER, OPTIONS, PRACK, SUBSCRIBE,
        NOTIFY, PUBLISH, INFO, REFER, MESSAGE, UPDATE};

    private SipMethod() {
    }

    /** The method in {@code b[from, to)} as a shared constant when it is a known one. */
    static String intern(byte[] b, int from, int to) {
        int len = to - from;
        outer:
        for (String m : KNOWN) {
            if (m.length() != len) continue;
            for (int k = 0; k < len; k++) {
                if (b[from + k] != m.charAt(k)) continue outer;
            }
            return m;
        }
        return new String(b, from, len, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
