package org.sipsocial.sip.transaction;

import org.sipsocial.sip.message.SipResponse;

/**
 * What a client transaction tells the core that created it (RFC 3261 §17.1). Calls for one
 * transaction come one at a time, in order, from whichever thread is driving it; they should not
 * block.
 */
public interface ResponseListener {

    /**
     * A response for the core: each provisional response, the final response, and, for an INVITE,
     * every 2xx (retransmissions and other forks included) while the transaction is Accepted
     * (RFC 6026 §7.2). A non-2xx final response to an INVITE has already been acknowledged.
     */
    void onResponse(ClientTransaction transaction, SipResponse response);

    /** The transaction ended without a final response: Timer B/F fired, or the transport failed. */
    void onFailure(ClientTransaction transaction, TransactionFailure failure);

    /** The transaction reached Terminated and left the transaction table (e.g. for RFC 3261 §16.7 step 6). */
    default void onTerminated(ClientTransaction transaction) {
    }
}
