package org.sipsocial.sip.transaction;

/**
 * Why a transaction ended without a final response (client side) or without an ACK (server side):
 * the one failure vocabulary of this layer, each reason with the status a client core treats it as.
 */
public enum TransactionFailure {
    /** Timer B or F fired (RFC 3261 §17.1.1.2, §17.1.2.2): the core treats it as a 408 (§8.1.3.1, §16.8). */
    TIMEOUT(408),
    /**
     * The transport reported a fatal error (RFC 3261 §17.1.4, §17.2.4): the core treats it as a 503
     * (§8.1.3.1, §16.9).
     */
    TRANSPORT_ERROR(503),
    /**
     * Timer H fired: no ACK came for a final non-2xx response to an INVITE (RFC 3261 §17.2.1); the
     * status is the one already sent, so there is none here.
     */
    NO_ACK(0);

    private final int status;

    TransactionFailure(int status) {
        this.status = status;
    }

    /** The status code a client core acts on as if it had received it, or 0 when there is none. */
    public int status() {
        return status;
    }
}
