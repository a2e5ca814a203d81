package org.sipsocial.sip.transaction;

import org.sipsocial.sip.message.SipRequest;

/**
 * A client transaction as the core sees it (RFC 3261 §17.1): the request it sends, where to, and
 * its state. Responses and failures come to the {@link ResponseListener} given when it was created.
 */
public interface ClientTransaction {

    /** The request as first sent (an INVITE or a non-INVITE request, never an ACK). */
    SipRequest request();

    /** Where the request goes. */
    Hop hop();

    /** The RFC name of the current state: Calling, Trying, Proceeding, Completed, Accepted or Terminated. */
    String stateName();

    boolean isTerminated();
}
