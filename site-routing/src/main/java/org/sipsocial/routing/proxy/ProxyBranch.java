package org.sipsocial.routing.proxy;

import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.transaction.Cancellable;
import org.sipsocial.sip.transaction.ClientTransaction;
import org.sipsocial.sip.transaction.Hop;

/** One forked copy of a proxied request (RFC 3261 §16.6) and what it has heard so far. */
final class ProxyBranch {
    final SipRequest request;
    final Hop hop;
    ClientTransaction transaction;
    boolean provisionalSeen;
    boolean finished;
    boolean cancelWanted;
    boolean cancelSent;
    /** RFC 3261 §16.6 step 11: Timer C of an INVITE branch, or {@code null}. */
    Cancellable timerC;

    ProxyBranch(SipRequest request, Hop hop) {
        this.request = request;
        this.hop = hop;
    }
}
