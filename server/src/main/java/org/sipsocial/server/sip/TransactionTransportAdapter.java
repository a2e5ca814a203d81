package org.sipsocial.server.sip;

import java.net.InetAddress;
import java.util.function.Predicate;

import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;
import org.sipsocial.sip.transaction.Hop;
import org.sipsocial.sip.transaction.Sender;
import org.sipsocial.sip.transaction.TransactionLayer;
import org.sipsocial.sip.transport.Inbound;
import org.sipsocial.sip.transport.InboundListener;
import org.sipsocial.sip.transport.SipTransport;
import org.sipsocial.sip.transport.Transport;

/**
 * Joins the Netty transport and the transaction layer, which know nothing of each other: messages received
 * go up as {@link Hop}s, messages to send go down as transport sends, and a failed send comes back to the
 * transaction that made it (RFC 3261 §17.1.4, §17.2.4). Requests from a source the site no longer admits
 * (a blocked scanner) are dropped here, before any transaction state is made for them.
 */
public final class TransactionTransportAdapter implements Sender, InboundListener {
    private final Predicate<InetAddress> admits;
    private volatile TransactionLayer layer;
    private volatile SipTransport transport;

    public TransactionTransportAdapter(Predicate<InetAddress> admits) {
        this.admits = admits;
    }

    /** Completes the wiring; the layer and the transport each need the adapter before they exist. */
    public void connect(TransactionLayer transactionLayer, SipTransport sipTransport) {
        this.layer = transactionLayer;
        this.transport = sipTransport;
    }

    @Override
    public void onInbound(Inbound inbound) {
        TransactionLayer current = layer;
        if (current == null) {
            return;
        }
        Hop source = Hop.of(inbound.transport().viaName(), inbound.remote());
        if (inbound.isRequest()) {
            if (admits.test(inbound.remote().getAddress())) {
                current.onRequest(inbound.request(), source);
            }
        } else {
            current.onResponse(inbound.response(), source);
        }
    }

    @Override
    public void send(SipRequest request, Hop next) {
        Transport protocol = Transport.fromVia(next.transport());
        if (protocol == null) {
            layer.onTransportError(request);
            return;
        }
        transport.send(request, protocol, next.address()).whenComplete((ok, failure) -> {
            if (failure != null) {
                layer.onTransportError(request);
            }
        });
    }

    @Override
    public void sendResponse(SipResponse response, Hop requestSource) {
        transport.sendResponse(response).whenComplete((ok, failure) -> {
            if (failure != null) {
                layer.onTransportError(response);
            }
        });
    }
}
