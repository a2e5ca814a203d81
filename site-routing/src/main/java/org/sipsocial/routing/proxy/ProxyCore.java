package org.sipsocial.routing.proxy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.sipsocial.routing.SiteAddresses;
import org.sipsocial.sip.message.HeaderName;
import org.sipsocial.sip.message.RequestBuilder;
import org.sipsocial.sip.message.SipMethod;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.header.NameAddress;
import org.sipsocial.sip.transaction.Branch;
import org.sipsocial.sip.transaction.Hop;
import org.sipsocial.sip.transaction.ServerTransaction;
import org.sipsocial.sip.transaction.TransactionLayer;

/**
 * The stateful proxy of RFC 3261 §16: forwards a request to one or more targets in parallel (§16.6), relays
 * responses through a {@link ProxyContext} (§16.7), cancels on CANCEL (§16.10), and forwards the ACK of a
 * 2xx statelessly (§16.11), since it belongs to no transaction.
 */
public final class ProxyCore {
    /** Methods that can establish a dialog: the proxy record-routes them to stay on the path (§16.6 step 4). */
    private static final Set<String> DIALOG_CREATING = Set.of(SipMethod.INVITE, SipMethod.SUBSCRIBE, SipMethod.REFER,
            SipMethod.NOTIFY);

    private final TransactionLayer layer;
    private final SiteAddresses addresses;
    private final Map<ServerTransaction, ProxyContext> contexts = new ConcurrentHashMap<>();

    public ProxyCore(TransactionLayer layer, SiteAddresses addresses) {
        this.layer = layer;
        this.addresses = addresses;
    }

    /** Forwards the request of {@code server} to every target at once (parallel forking, §16.5). */
    public void forward(ServerTransaction server, SipRequest request, List<ProxyTarget> targets) {
        ProxyContext context = new ProxyContext(server, layer, done -> contexts.remove(done.server()));
        for (ProxyTarget target : targets) {
            context.add(new ProxyBranch(branchRequest(request, target, server.source()), target.hop()));
        }
        contexts.put(server, context);
        context.start();
    }

    /** A CANCEL matched this INVITE server transaction (§16.10): cancel its pending branches. */
    public boolean cancel(ServerTransaction invite) {
        ProxyContext context = contexts.get(invite);
        if (context == null) {
            return false;
        }
        context.cancel();
        return true;
    }

    /** §16.11: the ACK of a 2xx goes on statelessly, with our Via, to where its Route or Request-URI leads. */
    public boolean forwardAck(SipRequest ack) {
        Optional<Hop> hop = NextHop.of(ack.routes().isEmpty() ? ack.requestUri() : ack.routes().get(0).uri());
        if (hop.isEmpty() || ack.maxForwards() == 0) {
            return false;
        }
        SipRequest out = ack.toBuilder().decrementMaxForwards()
                .pushVia(addresses.via(hop.get().transport(), Branch.create())).build();
        layer.sendAck(out, hop.get());
        return true;
    }

    /** §16.6 steps 1 to 8 for one target. */
    private SipRequest branchRequest(SipRequest request, ProxyTarget target, Hop inbound) {
        RequestBuilder copy = request.toBuilder().requestUri(target.requestUri()).decrementMaxForwards();
        String outbound = target.hop().transport();
        if (DIALOG_CREATING.contains(request.method()) && request.to().tag() == null) {
            // RFC 5658 §4: when the two sides use different transports, record-route once for each side.
            if (!inbound.transport().equals(outbound)) {
                copy.addRecordRoute(addresses.recordRoute(inbound.transport(), request.requestUri()));
            }
            copy.addRecordRoute(addresses.recordRoute(outbound, request.requestUri()));
        }
        List<NameAddress> routes = target.routes();
        for (int i = routes.size() - 1; i >= 0; i--) {
            copy.addHeaderFirst(HeaderName.ROUTE, routes.get(i).toString());
        }
        return copy.pushVia(addresses.via(outbound, Branch.create())).build();
    }

    /** Answers every proxied request still waiting with 503 and cancels their branches (the site is stopping). */
    public void abortAll() {
        for (ProxyContext context : List.copyOf(contexts.values())) {
            context.abort();
        }
    }

    /** Proxied requests whose final response has not gone upstream yet. */
    public int pendingCount() {
        return contexts.size();
    }
}
