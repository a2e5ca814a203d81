package org.sipsocial.routing;

import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.transaction.Hop;
import org.sipsocial.sip.transaction.ServerTransaction;
import org.sipsocial.sip.transaction.TransactionUser;

/**
 * The transaction layer needs its core when it is made, and the site core needs the layer (to proxy through
 * it): this stands in for the core until {@link #attach} names it.
 */
public final class LateTransactionUser implements TransactionUser {
    private volatile TransactionUser core;

    public void attach(TransactionUser siteCore) {
        this.core = siteCore;
    }

    @Override
    public void onRequest(ServerTransaction transaction) {
        core.onRequest(transaction);
    }

    @Override
    public void onAck(SipRequest ack, Hop source) {
        core.onAck(ack, source);
    }
}
