package org.sipsocial.sip.message.sdp;

import java.util.Locale;

/** Media direction attributes, RFC 8866 §6.7 (default {@link #SENDRECV}). */
public enum Direction {
    SENDRECV, SENDONLY, RECVONLY, INACTIVE;

    /** The attribute name, e.g. {@code sendonly}. */
    public String attributeName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The direction an attribute name denotes, or {@code null}. */
    public static Direction of(String attributeName) {
        for (Direction d : values()) {
            if (d.attributeName().equals(attributeName)) return d;
        }
        return null;
    }
}
