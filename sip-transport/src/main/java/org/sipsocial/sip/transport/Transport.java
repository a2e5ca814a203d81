package org.sipsocial.sip.transport;

import java.util.Locale;

/**
 * The transports a SIP element sends and receives on (RFC 3261 §18), with the names they carry
 * in the Via {@code sent-protocol} (RFC 3261 §20.42) and their default ports (RFC 3261 §19.1.2).
 */
public enum Transport {
    /** Unreliable datagrams; one datagram is one message (RFC 3261 §18.3). */
    UDP("UDP", 5060, false),
    /** A byte stream framed by Content-Length (RFC 3261 §18.3). */
    TCP("TCP", 5060, true),
    /** TCP under TLS (RFC 3261 §26.2; RFC 5246, RFC 8446). */
    TLS("TLS", 5061, true);

    private final String viaName;
    private final int defaultPort;
    private final boolean stream;

    Transport(String viaName, int defaultPort, boolean stream) {
        this.viaName = viaName;
        this.defaultPort = defaultPort;
        this.stream = stream;
    }

    /** The transport token of a Via (RFC 3261 §20.42). */
    public String viaName() {
        return viaName;
    }

    /** The port used when a Via or URI names none (RFC 3261 §19.1.2, §18.2.2). */
    public int defaultPort() {
        return defaultPort;
    }

    /** True for connection-oriented transports (framing, keep-alive, connection reuse). */
    public boolean isStream() {
        return stream;
    }

    /** The transport a Via names, or {@code null} for one this module does not carry (SCTP, WS, ...). */
    public static Transport fromVia(String viaTransport) {
        switch (viaTransport.toUpperCase(Locale.ROOT)) {
            case "UDP":
                return UDP;
            case "TCP":
                return TCP;
            case "TLS":
                return TLS;
            default:
                return null;
        }
    }
}
