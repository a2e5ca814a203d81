package org.sipsocial.sip.transport;

import java.net.InetSocketAddress;

/**
 * Whether a message from a source is taken at all: asked for every datagram before it is parsed, and for every
 * message framed on a stream before it is answered or handed up, so that a source over its limit costs no
 * parsing, no answer and no state (design principle 3: cheapest checks first). See {@link SourceLimiter}.
 */
@FunctionalInterface
public interface SourceAdmission {
    /** Takes everything (tests, and transports without a limiter). */
    SourceAdmission ALL = source -> true;

    /** True when a message from {@code source} is taken; false to drop it silently. */
    boolean admits(InetSocketAddress source);
}
