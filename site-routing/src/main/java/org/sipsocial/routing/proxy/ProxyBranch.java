package org.sipsocial.routing.proxy;

import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.transaction.Cancellable;
import org.sipsocial.sip.transaction.ClientTransaction;
import org.sipsocial.sip.transaction.Hop;

/** One forked copy of a proxied request (RFC 3261 §16.6) and what it has heard so far. */
final class ProxyBranch {
    SipRequest request;
    Hop hop;
    /**
     * RFC 3261 §18.1.1: a request too large for UDP goes over TCP; this is the UDP request to send instead when the
     * phone takes no TCP connection ({@code null} when the branch is not such a switch).
     */
    SipRequest overUdp;
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

    /** A branch sent over TCP because of its size, with the same request over UDP to fall back on. */
    ProxyBranch(SipRequest overTcp, Hop tcp, SipRequest overUdp) {
        this(overTcp, tcp);
        this.overUdp = overUdp;
    }

    /** Falls back to UDP (the TCP connection failed); true when this branch was a switch from UDP. */
    boolean fallBackToUdp() {
        if (overUdp == null) {
            return false;
        }
        request = overUdp;
        hop = Hop.udp(hop.address());
        overUdp = null;
        transaction = null;
        return true;
    }
}
