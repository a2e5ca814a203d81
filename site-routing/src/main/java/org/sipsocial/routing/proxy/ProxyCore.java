package org.sipsocial.routing.proxy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.sipsocial.routing.SiteAddresses;
import org.sipsocial.routing.federation.LinkDialogs;
import org.sipsocial.sip.message.HeaderName;
import org.sipsocial.sip.message.RequestBuilder;
import org.sipsocial.sip.message.SipMethod;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipWriter;
import org.sipsocial.sip.message.header.NameAddress;
import org.sipsocial.sip.transaction.Branch;
import org.sipsocial.sip.transaction.Hop;
import org.sipsocial.sip.transaction.ServerTransaction;
import org.sipsocial.sip.transaction.TimerService;
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
    /** RFC 3261 §18.1.1: the largest request sent over UDP (an MTU of 1500 less 200 bytes for headroom). */
    static final int UDP_SIZE_LIMIT = 1300;

    /** RFC 3261 §16.6 step 11: Timer C "MUST be larger than 3 minutes". */
    public static final Duration TIMER_C = Duration.ofSeconds(181);

    private final LinkDialogs dialogs;
    private final CallsInProgress calls;
    private final TimerService timers;

    public ProxyCore(TransactionLayer layer, SiteAddresses addresses, LinkDialogs dialogs, CallsInProgress calls,
            TimerService timers) {
        this.layer = layer;
        this.addresses = addresses;
        this.dialogs = dialogs;
        this.calls = calls;
        this.timers = timers;
    }

    /** The calls established through this proxy and not ended yet. */
    public CallsInProgress calls() {
        return calls;
    }

    /** Forwards the request of {@code server} to every target at once (parallel forking, §16.5). */
    public void forward(ServerTransaction server, SipRequest request, List<ProxyTarget> targets) {
        if (request.isMethod(SipMethod.BYE)) {
            dialogs.ended(request.callId());
            calls.ended(request.callId());
        }
        ProxyContext context = new ProxyContext(server, layer, addresses, dialogs, calls, timers,
                done -> contexts.remove(done.server()));
        for (ProxyTarget target : targets) {
            context.add(branch(request, target, server.source()));
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

    /** §16.11: the ACK of a 2xx goes on statelessly, with our Via, to {@code hop} (where its Route or Request-URI leads). */
    public boolean forwardAck(SipRequest ack, Hop hop) {
        if (ack.maxForwards() == 0) {
            return false;
        }
        SipRequest out = ack.toBuilder().decrementMaxForwards()
                .pushVia(addresses.via(hop.transport(), Branch.create())).build();
        layer.sendAck(out, hop);
        return true;
    }

    /**
     * One branch; RFC 3261 §18.1.1: a request for UDP within {@value #UDP_SIZE_LIMIT} bytes of the path MTU (1500)
     * goes over TCP instead, to the same address, falling back to UDP when the phone takes no TCP.
     */
    private ProxyBranch branch(SipRequest request, ProxyTarget target, Hop inbound) {
        SipRequest forwarded = branchRequest(request, target, inbound);
        Hop hop = target.hop();
        if (!hop.transport().equals(Hop.UDP) || SipWriter.toBytes(forwarded).length <= UDP_SIZE_LIMIT
                || addresses.portIfListening(Hop.TCP).isEmpty()) {
            return new ProxyBranch(forwarded, hop);
        }
        Hop tcp = Hop.tcp(hop.address());
        return new ProxyBranch(branchRequest(request, new ProxyTarget(target.requestUri(), tcp, target.routes()), inbound),
                tcp, forwarded);
    }

    /** §16.6 steps 1 to 8 for one target. */
    private SipRequest branchRequest(SipRequest request, ProxyTarget target, Hop inbound) {
        RequestBuilder copy = request.toBuilder().requestUri(target.requestUri()).decrementMaxForwards();
        String outbound = target.hop().transport();
        if (DIALOG_CREATING.contains(request.method()) && request.to().tag() == null) {
            if (inbound.isLink() || target.hop().isLink()) {
                // Once, for the phone's side: the link boundary shows the other site our link Record-Route, and
                // a response going to the phone gets the phone's side back (RFC 3261 §16.12.1.3).
                copy.addRecordRoute(addresses.recordRoute(inbound.isLink() ? outbound : inbound.transport(), request.requestUri()));
            } else {
                // RFC 5658 §4: when the two sides use different transports, record-route once for each side.
                if (!inbound.transport().equals(outbound)) {
                    copy.addRecordRoute(addresses.recordRoute(inbound.transport(), request.requestUri()));
                }
                copy.addRecordRoute(addresses.recordRoute(outbound, request.requestUri()));
            }
        }
        List<NameAddress> routes = target.routes();
        for (int i = routes.size() - 1; i >= 0; i--) {
            copy.addHeaderFirst(HeaderName.ROUTE, routes.get(i).toString());
        }
        return copy.pushVia(addresses.via(outbound, Branch.create())).build();
    }

    /**
     * The link with {@code site} went: every phone of this site in a call with it gets a BYE from this proxy in the
     * far party's name (see {@link LinkDialogs}). Returns how many calls were ended.
     */
    public int endCallsWith(String site) {
        List<Map.Entry<SipRequest, Hop>> byes = dialogs.endAll(site);
        calls.endedWith(site);
        for (Map.Entry<SipRequest, Hop> bye : byes) {
            Hop phone = bye.getValue();
            try {
                layer.sendRequest(bye.getKey().toBuilder().pushVia(addresses.via(phone.transport(), Branch.create())).build(),
                        phone, ProxyContext.IGNORE);
            } catch (RuntimeException e) {
                // The phone is gone too; its call ends with it.
            }
        }
        return byes.size();
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
