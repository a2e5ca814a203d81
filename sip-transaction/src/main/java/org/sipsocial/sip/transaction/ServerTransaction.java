package org.sipsocial.sip.transaction;

import java.util.Optional;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;

/**
 * A server transaction as the core sees it (RFC 3261 §17.2): the request that created it, and the
 * way to answer it. Build responses with {@code Responses.create(request(), ...)}.
 */
public interface ServerTransaction {

    /** The request that created the transaction. */
    SipRequest request();

    /** Where the request came from. */
    Hop source();

    /**
     * Sends a response through the transaction. It is handled after whatever the transaction is
     * doing: at once when it is idle, or, when called from inside a callback of this same
     * transaction (e.g. {@code onRequest}), as soon as that callback returns. Responses the current
     * state does not take are dropped, as RFC 3261 §17.2.2 asks for final responses after the first.
     */
    void sendResponse(SipResponse response);

    /**
     * True when RFC 3261 §8.2.2.2 calls this a merged request: it has no To tag, and its From tag,
     * Call-ID and CSeq equal those of an ongoing server transaction it does not match. A UAS core
     * answers it with 482 (Loop Detected); a proxy core ignores the flag, as a spiral looks the same.
     * An answered non-INVITE transaction over UDP is no longer ongoing here: its Completed state keeps only
     * the answer for its own retransmissions ({@code CompletedAnswers}).
     */
    boolean isMerged();

    /**
     * For a CANCEL, the INVITE server transaction it cancels (RFC 3261 §9.2), found by the matching
     * rules of §17.2.3 as if the CANCEL were an INVITE; empty when there is none (answer 481) and
     * for every other method.
     */
    Optional<ServerTransaction> cancelTarget();

    /** The RFC name of the current state: Trying, Proceeding, Completed, Confirmed, Accepted or Terminated. */
    String stateName();

    boolean isTerminated();
}
