package org.sipsocial.sip.transaction;

import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;

/**
 * The port through which transactions put messages on the wire (RFC 3261 §18). The transport
 * adapter implements it; sending is asynchronous and must not block. A failure is reported back
 * with {@link TransactionLayer#onTransportError}, naming the message that could not be sent.
 */
public interface Sender {

    /** Sends a request to {@code next} (RFC 3261 §18.1.1); the top Via is already in place. */
    void send(SipRequest request, Hop next);

    /**
     * Sends a response (RFC 3261 §18.2.2). On a reliable transport it goes back over the connection
     * the request came on while it is open; otherwise it is routed by the top Via, using its
     * {@code received} and {@code rport} (RFC 3581 §4), {@code maddr}, or sent-by.
     *
     * @param requestSource where the request that this response answers came from
     */
    void sendResponse(SipResponse response, Hop requestSource);
}
