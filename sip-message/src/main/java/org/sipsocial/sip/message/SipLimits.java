package org.sipsocial.sip.message;

/**
 * Bounds on what one message may cost, checked while parsing so that hostile input costs
 * bounded memory and time (design principle 3).
 *
 * @param maxMessageSize bytes of one message, start line to end of body (default {@value #DEFAULT_MAX_MESSAGE_SIZE})
 * @param maxHeaderCount header field lines in one message (default {@value #DEFAULT_MAX_HEADER_COUNT})
 * @param maxLineLength  bytes of one physical line (default {@value #DEFAULT_MAX_LINE_LENGTH})
 * @param maxViaCount    Via entries in one message (default {@value #DEFAULT_MAX_VIA_COUNT})
 */
public record SipLimits(int maxMessageSize, int maxHeaderCount, int maxLineLength, int maxViaCount) {
    /** 64 KiB: the largest UDP payload, and far beyond any sane SIP message. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 65_535;
    public static final int DEFAULT_MAX_HEADER_COUNT = 256;
    public static final int DEFAULT_MAX_LINE_LENGTH = 8_192;
    /** Each proxy adds one; 70 hops (the default Max-Forwards) bounds a sane path. */
    public static final int DEFAULT_MAX_VIA_COUNT = 70;

    public static final SipLimits DEFAULTS = new SipLimits(DEFAULT_MAX_MESSAGE_SIZE, DEFAULT_MAX_HEADER_COUNT,
            DEFAULT_MAX_LINE_LENGTH, DEFAULT_MAX_VIA_COUNT);

    public SipLimits {
        if (maxMessageSize < 64 || maxHeaderCount < 5 || maxLineLength < 32 || maxViaCount < 1) {
            throw new IllegalArgumentException("limits too small: " + maxMessageSize + "/" + maxHeaderCount
                    + "/" + maxLineLength + "/" + maxViaCount);
        }
    }
}
