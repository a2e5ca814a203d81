package org.sipsocial.link;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The round-trip time of an RFC 5626 §4.4.1 keep-alive: from a CRLF CRLF ping to its CRLF pong, timed on the
 * link's clock. A pong with no ping out (a late one, after its ping timed out and the next was not sent yet, or
 * one the peer sent unasked) measures nothing. Used on the link thread only.
 */
final class PingRoundTrip {
    private Instant pingSent;

    /** A ping went out at {@code at}. */
    void sent(Instant at) {
        pingSent = at;
    }

    /** A pong came at {@code at}: the round trip of the ping it answers, if one is out. */
    Optional<Duration> answered(Instant at) {
        if (pingSent == null) {
            return Optional.empty();
        }
        Duration rtt = Duration.between(pingSent, at);
        pingSent = null;
        return rtt.isNegative() ? Optional.empty() : Optional.of(rtt);
    }
}
