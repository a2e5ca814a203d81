package org.sipsocial.sip.transaction;

import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;

/**
 * The core above the transaction layer (RFC 3261 §17: the "TU"): the registrar, proxy or UA core.
 * Calls for one server transaction come one at a time, in order; calls may come from several
 * threads at once for different transactions. Implementations should not block.
 */
public interface TransactionUser {

    /**
     * A new request with the server transaction created for it (RFC 3261 §17.2.3: it matched none).
     * For an INVITE, 100 (Trying) has already been sent (§17.2.1). For a CANCEL, see
     * {@link ServerTransaction#cancelTarget()}; for a merged request, {@link ServerTransaction#isMerged()}.
     */
    void onRequest(ServerTransaction transaction);

    /**
     * An ACK that belongs to no INVITE server transaction in Completed or Confirmed: the ACK for a
     * 2xx, which is its own transaction-less request (RFC 3261 §17.1.1.1, §13.2.2.4), including one
     * reaching an Accepted transaction (RFC 6026 §7.1). A proxy core forwards it like any other
     * request (§16.6), but without a client transaction.
     */
    void onAck(SipRequest ack, Hop source);

    /**
     * A response that matches no client transaction (RFC 3261 §18.1.2, §17.1.3). Since RFC 6026
     * §7.3, a proxy drops it rather than forwarding it statelessly.
     */
    default void onStrayResponse(SipResponse response, Hop source) {
    }

    /**
     * A server transaction failed: Timer H fired without an ACK ({@link TransactionFailure#NO_ACK}; the
     * transaction has ended), or the transport could not send a response (RFC 3261 §17.2.4; a
     * non-INVITE transaction ends, an INVITE one stays in its state as RFC 6026 Figure 7 draws it).
     */
    default void onFailure(ServerTransaction transaction, TransactionFailure failure) {
    }

    /** The server transaction reached Terminated and left the transaction table. */
    default void onTerminated(ServerTransaction transaction) {
    }
}
