package org.sipsocial.sip.transaction;

import java.util.Locale;
import java.util.OptionalInt;

/**
 * The transport choice of RFC 3261 §18.1.1 for a request: "If a request is within 200 bytes of the
 * path MTU, or if it is larger than 1300 bytes and the path MTU is unknown, the request MUST be
 * sent using an RFC 2914 congestion controlled transport protocol, such as TCP." The core asks
 * before it writes the top Via, whose transport must say what is used. Responses are not subject to
 * this rule.
 */
public final class TransportSelection {
    /** The size above which a request leaves UDP when the path MTU is unknown (RFC 3261 §18.1.1). */
    public static final int UNKNOWN_PATH_MTU_LIMIT = 1300;
    /** How close to a known path MTU a request may come before it leaves UDP (RFC 3261 §18.1.1). */
    public static final int PATH_MTU_MARGIN = 200;

    private TransportSelection() {
    }

    /**
     * True when a request of {@code size} bytes must go over a congestion-controlled transport.
     *
     * @param pathMtu the path MTU in bytes, or empty when unknown
     */
    public static boolean needsCongestionControl(int size, OptionalInt pathMtu) {
        if (size < 0) throw new IllegalArgumentException("negative size: " + size);
        if (pathMtu.isPresent()) return pathMtu.getAsInt() - size <= PATH_MTU_MARGIN;
        return size > UNKNOWN_PATH_MTU_LIMIT;
    }

    /**
     * The transport to send a request on: {@code TCP} instead of {@code UDP} when
     * {@link #needsCongestionControl} says so, otherwise {@code preferred} (in upper case).
     *
     * @param preferred the transport the Request-URI or RFC 3263 lookup chose
     * @param size      the request's size in bytes as it will be written (e.g. {@code SipWriter.encodedLength})
     */
    public static String choose(String preferred, int size, OptionalInt pathMtu) {
        String t = preferred.toUpperCase(Locale.ROOT);
        if (t.equals(Hop.UDP) && needsCongestionControl(size, pathMtu)) return Hop.TCP;
        return t;
    }
}
