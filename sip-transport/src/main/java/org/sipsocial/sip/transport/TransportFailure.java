package org.sipsocial.sip.transport;

/**
 * Why a send failed: the one vocabulary of this module's failures (design principle 6). The layer
 * above maps them to RFC 3261 §8.1.3.1 / §16.9 behaviour (a transport error is as a 503 from the
 * next hop).
 */
public enum TransportFailure {
    /** The target is not a resolved address (resolution, RFC 3263, belongs to the layer above). */
    UNRESOLVED_TARGET,
    /** No listener of that transport and address family exists to send from. */
    NO_LISTENER,
    /** TLS was asked for but no TLS credentials were configured. */
    NO_TLS,
    /** {@link TransportLimits#maxConnections()} is reached; no new connection is opened. */
    CONNECTION_LIMIT,
    /** The connection could not be opened (refused, timed out, TLS handshake failed). */
    CONNECT_FAILED,
    /** The message could not be written (connection closed, write error). */
    WRITE_FAILED,
    /** The message is larger than a datagram can carry (RFC 3261 §18.1.1 asks for a stream transport then). */
    MESSAGE_TOO_LARGE,
    /** A response whose top Via names no transport this module carries, or has no Via (RFC 3261 §18.2.2). */
    UNROUTABLE_RESPONSE,
    /** The transport is closed. */
    CLOSED
}
