package org.sipsocial.sip.transport;

import java.util.Locale;

/** Why a connection closed; the tag of the {@code sip.transport.connections.closed} counter. */
enum CloseReason {
    /** The peer closed it, or the network failed. */
    PEER,
    /** We closed it: shutdown, or the layer above asked. */
    LOCAL,
    /** No first message, or an unfinished message, within {@link TransportLimits#readTimeout()} (half-open, slow-loris). */
    READ_TIMEOUT,
    /** No message either way within {@link TransportLimits#idleTimeout()}. */
    IDLE,
    /** A keep-alive ping was not answered within {@link TransportLimits#pongTimeout()} (RFC 5626 §4.4.1). */
    PONG_TIMEOUT,
    /** The stream could not be framed (RFC 3261 §18.3): its remaining bytes cannot be trusted. */
    FRAMING,
    /** More than {@link TransportLimits#maxPendingOutboundBytes()} queued for a peer that does not read. */
    OUTBOUND_BACKLOG,
    /** The TLS handshake failed (untrusted or missing certificate, protocol mismatch). */
    TLS_HANDSHAKE,
    /** An I/O error. */
    ERROR;

    String tag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
