package org.sipsocial.server.sip;

import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import org.sipsocial.routing.StatelessAnswers;
import org.sipsocial.routing.federation.LinkBoundary;
import org.sipsocial.sip.message.SipMessage;
import org.sipsocial.sip.message.SipMethod;

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
 * (a blocked scanner) are dropped here, before any transaction state is made for them, and requests without
 * credentials (and OPTIONS for the site) are answered here without state ({@link StatelessAnswers}), the ACKs of
 * those challenges absorbed.
 */
public final class TransactionTransportAdapter implements Sender, InboundListener {
    /** Puts a SIP message on the link with a site. */
    public interface LinkCarrier {
        CompletableFuture<Void> send(String site, SipMessage message);
    }

    private final Predicate<InetAddress> admits;
    private final LinkBoundary boundary;
    private final LinkCarrier links;
    private volatile java.util.function.Consumer<Hop> failedFlows = hop -> { };
    private volatile StatelessAnswers answers;
    private volatile TransactionLayer layer;
    private volatile SipTransport transport;

    /** An endpoint with no links (tests of the transports and transactions): a link hop fails at once. */
    public TransactionTransportAdapter(Predicate<InetAddress> admits) {
        this(admits, null, (site, message) -> CompletableFuture.failedFuture(
                new IllegalStateException("this endpoint has no links")));
    }

    public TransactionTransportAdapter(Predicate<InetAddress> admits, LinkBoundary boundary, LinkCarrier links) {
        this.admits = admits;
        this.boundary = boundary;
        this.links = links;
    }

    /** Told of each connection-oriented hop (TCP, TLS) that a send failed on: a phone's flow that is gone. */
    public void onFailedFlow(java.util.function.Consumer<Hop> listener) {
        this.failedFlows = listener;
    }

    /** Answers requests without credentials (and OPTIONS for the site) before the transaction layer (none until set). */
    public void answerStatelessly(StatelessAnswers statelessAnswers) {
        this.answers = statelessAnswers;
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
            if (admits.test(inbound.remote().getAddress()) && !answeredStatelessly(inbound.request(), source)) {
                current.onRequest(inbound.request(), source);
            }
        } else {
            current.onResponse(inbound.response(), source);
        }
    }

    /**
     * RFC 3261 §8.2.7: an answer (a challenge, or 200 to OPTIONS for the site) sent without a transaction, or the ACK
     * of a challenge absorbed.
     */
    private boolean answeredStatelessly(SipRequest request, Hop source) {
        StatelessAnswers front = answers;
        if (front == null) {
            return false;
        }
        if (request.isMethod(SipMethod.ACK)) {
            return front.absorbsAck(request);
        }
        Optional<SipResponse> answer = front.answer(request, source);
        answer.ifPresent(transport::sendResponse);
        return answer.isPresent();
    }

    /**
     * A SIP message arrived over the link with {@code site} (whose certificate the link proved): through the link
     * boundary, up to the transaction layer as coming from that link.
     */
    public void onLinkMessage(String site, SipMessage message) {
        TransactionLayer current = layer;
        if (current == null || boundary == null) {
            return;
        }
        SipMessage inbound = boundary.fromLink(message, site);
        Hop source = Hop.link(site);
        if (inbound instanceof SipRequest request) {
            current.onRequest(request, source);
        } else {
            current.onResponse((SipResponse) inbound, source);
        }
    }

    @Override
    public void send(SipRequest request, Hop next) {
        if (next.isLink()) {
            toLink(request, next.linkSite());
            return;
        }
        Transport protocol = Transport.fromVia(next.transport());
        if (protocol == null) {
            layer.onTransportError(request);
            return;
        }
        transport.send(request, protocol, next.address()).whenComplete((ok, failure) -> {
            if (failure != null) {
                if (next.reliable()) {
                    failedFlows.accept(next);
                }
                layer.onTransportError(request);
            }
        });
    }

    @Override
    public void sendResponse(SipResponse response, Hop requestSource) {
        if (requestSource.isLink()) {
            toLink(response, requestSource.linkSite());
            return;
        }
        transport.sendResponse(response).whenComplete((ok, failure) -> {
            if (failure != null) {
                layer.onTransportError(response);
            }
        });
    }

    /** Everything for a link leaves through the boundary, and nothing else sends on a link. */
    private void toLink(SipMessage message, String site) {
        SipMessage out;
        try {
            out = boundary == null ? message : boundary.toLink(message, site);
        } catch (RuntimeException e) {
            layer.onTransportError(message);
            return;
        }
        links.send(site, out).whenComplete((ok, failure) -> {
            if (failure != null) {
                layer.onTransportError(message);
            }
        });
    }
}
