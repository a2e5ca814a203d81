package org.sipsocial.sip.transport;

/** Whether a TLS listener asks the connecting peer for a certificate (RFC 8446 §4.3.2, RFC 5246 §7.4.4). */
public enum ClientAuth {
    /** No certificate is requested (phones connecting to their own site). */
    NONE,
    /** A certificate is requested; the handshake succeeds without one. */
    OPTIONAL,
    /** A certificate is required and must satisfy the trust manager (site links, RFC 5922 §7.4). */
    REQUIRE
}
