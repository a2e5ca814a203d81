package org.sipsocial.routing.proxy;

import org.sipsocial.sip.message.Requests;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.sipsocial.routing.SiteAddresses;
import org.sipsocial.routing.federation.LinkDialogs;
import org.sipsocial.sip.message.Header;
import org.sipsocial.sip.message.HeaderName;
import org.sipsocial.sip.message.ResponseBuilder;
import org.sipsocial.sip.message.Responses;
import org.sipsocial.sip.message.header.NameAddress;
import org.sipsocial.sip.message.SipMethod;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;
import org.sipsocial.sip.transaction.ClientTransaction;
import org.sipsocial.sip.transaction.ResponseListener;
import org.sipsocial.sip.transaction.ServerTransaction;
import org.sipsocial.sip.transaction.TransactionFailure;
import org.sipsocial.sip.transaction.TimerService;
import org.sipsocial.sip.transaction.TransactionLayer;

/**
 * The response context of one proxied request (RFC 3261 §16.7): its server transaction, its branches, the
 * best final response so far. Provisional responses (but 100) and every 2xx go upstream at once; other
 * final responses wait until every branch has ended, and then the best of them goes (§16.7 step 6).
 * A 2xx to an INVITE cancels the other branches (step 10); so does a CANCEL from upstream (§16.10), and
 * Timer C on a branch that rings too long (§16.8).
 */
final class ProxyContext implements ResponseListener {
    private final ServerTransaction server;
    /** The server transaction's request, parsed, until every branch has ended ({@link #letGoOfRequests}). */
    private SipRequest request;
    private final TransactionLayer layer;
    private final SiteAddresses addresses;
    private final LinkDialogs dialogs;
    private final CallsInProgress calls;
    private final TimerService timers;
    private final Consumer<ProxyContext> finished;
    private final List<ProxyBranch> branches = new ArrayList<>();
    private final boolean invite;
    /** The best final response so far, and whether it came from downstream (and so carries our Via on top). */
    private SipResponse best;
    private boolean bestFromDownstream;
    private boolean finalSent;
    private boolean cancelled;

    ProxyContext(ServerTransaction server, TransactionLayer layer, SiteAddresses addresses, LinkDialogs dialogs,
            CallsInProgress calls, TimerService timers, Consumer<ProxyContext> finished) {
        this.calls = calls;
        this.timers = timers;
        this.server = server;
        this.layer = layer;
        this.addresses = addresses;
        this.dialogs = dialogs;
        this.finished = finished;
        this.request = server.request();
        this.invite = request.isMethod(SipMethod.INVITE);
    }

    ServerTransaction server() {
        return server;
    }

    synchronized void add(ProxyBranch branch) {
        branches.add(branch);
    }

    /** Starts every branch; call once, after all were added. */
    void start() {
        List<ProxyBranch> all;
        synchronized (this) {
            all = List.copyOf(branches);
        }
        for (ProxyBranch branch : all) {
            startTimerC(branch);
            send(branch);
        }
    }

    private void send(ProxyBranch branch) {
        try {
            branch.transaction = layer.sendRequest(branch.request, branch.hop, this);
        } catch (RuntimeException e) {
            branchEnded(branch, local(503, "Service Unavailable"), false);
        }
    }

    @Override
    public void onResponse(ClientTransaction transaction, SipResponse response) {
        ProxyBranch branch = branchOf(transaction);
        int status = response.statusCode();
        if (branch == null || status == 100) {
            return;
        }
        if (status < 200) {
            boolean cancelNow;
            boolean forward;
            synchronized (this) {
                branch.provisionalSeen = true;
                if (!branch.finished) {
                    startTimerC(branch);
                }
                cancelNow = branch.cancelWanted && !branch.cancelSent;
                if (cancelNow) {
                    branch.cancelSent = true;
                }
                forward = !finalSent;
            }
            // A branch that rings after another answered was waiting for this to be cancelled (§9.1: a CANCEL
            // only after a provisional response), whether or not the response still goes upstream.
            if (cancelNow) {
                sendCancel(branch);
            }
            if (forward) {
                upstream(response, true);
            }
            return;
        }
        if (status < 300) {
            boolean first;
            synchronized (this) {
                branch.finished = true;
                stopTimerC(branch);
                first = !finalSent;
                finalSent = true;
            }
            upstream(response, true);
            if (first && invite) {
                cancelOthers(branch);
                rememberLinkDialog(branch, response);
                calls.established(request(), server.source().isLink() ? server.source().linkSite()
                        : branch.hop.isLink() ? branch.hop.linkSite() : null);
            }
            checkDone();
            return;
        }
        branchEnded(branch, response, true);
    }

    @Override
    public void onFailure(ClientTransaction transaction, TransactionFailure failure) {
        ProxyBranch branch = branchOf(transaction);
        boolean retryOverUdp;
        synchronized (this) {
            retryOverUdp = branch != null && failure == TransactionFailure.TRANSPORT_ERROR && !branch.finished
                    && !branch.provisionalSeen && branch.fallBackToUdp();
        }
        if (retryOverUdp) {
            // RFC 3261 §18.1.1: the TCP connection a large request took was refused; it goes over UDP after all.
            send(branch);
            return;
        }
        if (branch != null) {
            // RFC 3261 §16.7 step 6 and §16.8: a branch without answer counts as 408; one we could not send, as 503.
            branchEnded(branch, failure == TransactionFailure.TIMEOUT ? local(408, "Request Timeout")
                    : local(503, "Service Unavailable"), false);
        }
    }

    /** A CANCEL for this request arrived (RFC 3261 §16.10): cancel every pending branch. */
    void cancel() {
        synchronized (this) {
            cancelled = true;
        }
        cancelOthers(null);
    }

    /**
     * The site is stopping: the request gets a 503 now if it has no final response yet, and its pending INVITE
     * branches are cancelled, so that no caller is left waiting on a proxy that is gone.
     */
    void abort() {
        boolean answer;
        synchronized (this) {
            answer = !finalSent;
            finalSent = true;
            cancelled = true;
        }
        cancelOthers(null);
        if (answer) {
            server.sendResponse(Responses.create(request(), 503, "Service Unavailable (site stopping)", null)
                    .addHeader("Retry-After", "30").build());
        }
        finished.accept(this);
    }

    /** A call between a phone of this site and a link is established: remember how to end it (see {@link LinkDialogs}). */
    private void rememberLinkDialog(ProxyBranch branch, SipResponse ok) {
        if (server.source().isLink() == branch.hop.isLink()) {
            return;
        }
        if (branch.hop.isLink()) {
            dialogs.established(branch.hop.linkSite(), request(), ok, server.source(), true);
        } else {
            dialogs.established(server.source().linkSite(), branch.request, ok, branch.hop, false);
        }
    }

    /**
     * RFC 3261 §16.6 step 11 and §16.8: an INVITE branch that has heard no provisional response for {@link
     * ProxyCore#TIMER_C} is ended: cancelled when it had rung (its 487 then ends it), as if it had answered 408
     * when it had not.
     */
    private void startTimerC(ProxyBranch branch) {
        if (!branch.request.isMethod(SipMethod.INVITE)) {
            return;
        }
        stopTimerC(branch);
        branch.timerC = timers.schedule(ProxyCore.TIMER_C, () -> timerC(branch));
    }

    private static void stopTimerC(ProxyBranch branch) {
        if (branch.timerC != null) {
            branch.timerC.cancel();
            branch.timerC = null;
        }
    }

    private void timerC(ProxyBranch branch) {
        boolean cancelNow;
        synchronized (this) {
            if (branch.finished) {
                return;
            }
            branch.cancelWanted = true;
            cancelNow = branch.provisionalSeen && !branch.cancelSent;
            branch.cancelSent |= cancelNow;
        }
        if (cancelNow) {
            sendCancel(branch);
        } else if (!branch.provisionalSeen) {
            branchEnded(branch, local(408, "Request Timeout (Timer C)"), false);
        }
    }

    private void branchEnded(ProxyBranch branch, SipResponse response, boolean fromDownstream) {
        synchronized (this) {
            branch.finished = true;
            stopTimerC(branch);
            if (!finalSent && BestResponse.isBetter(response, best)) {
                best = response;
                bestFromDownstream = fromDownstream;
            }
        }
        checkDone();
    }

    private SipResponse local(int status, String reason) {
        return Responses.create(request(), status, reason, null).build();
    }

    private void checkDone() {
        SipResponse toSend = null;
        boolean fromDownstream = false;
        synchronized (this) {
            for (ProxyBranch branch : branches) {
                if (!branch.finished) {
                    return;
                }
            }
            if (!finalSent) {
                finalSent = true;
                if (best == null) {
                    toSend = cancelled ? local(487, "Request Terminated") : local(408, "Request Timeout");
                } else if (best.statusCode() == 503) {
                    toSend = local(500, "Server Internal Error");
                } else {
                    toSend = best;
                    fromDownstream = bestFromDownstream;
                }
            }
        }
        if (toSend != null) {
            upstream(toSend, fromDownstream);
            if (invite && request().to().tag() == null) {
                dialogs.failed(request().callId());
            }
        }
        finished.accept(this);
        letGoOfRequests();
    }

    /**
     * Every branch has ended: what stays reachable (an accepted INVITE's client transaction keeps this context as its
     * listener for 32 s, RFC 6026 Timer M, to pass on retransmitted 2xx) no longer needs the branches' requests nor
     * the best response (issue 14: they were most of the heap a finished call kept).
     */
    private synchronized void letGoOfRequests() {
        for (ProxyBranch branch : branches) {
            branch.request = null;
            branch.overUdp = null;
        }
        best = null;
        request = null;
    }

    /**
     * The request being proxied: kept parsed while branches are alive; afterwards (a retransmitted 2xx, the
     * transaction lingering as bytes) parsed again from the server transaction.
     */
    private synchronized SipRequest request() {
        SipRequest kept = request;
        return kept != null ? kept : server.request();
    }

    private void cancelOthers(ProxyBranch except) {
        List<ProxyBranch> toCancel = new ArrayList<>();
        synchronized (this) {
            for (ProxyBranch branch : branches) {
                if (branch == except || branch.finished || !branch.request.isMethod(SipMethod.INVITE)) {
                    continue;
                }
                branch.cancelWanted = true;
                if (branch.provisionalSeen && !branch.cancelSent) {
                    branch.cancelSent = true;
                    toCancel.add(branch);
                }
            }
        }
        toCancel.forEach(this::sendCancel);
    }

    /** RFC 3261 §9.1: the CANCEL goes to the same hop with the branch of the INVITE it cancels. */
    private void sendCancel(ProxyBranch branch) {
        try {
            layer.sendRequest(Requests.cancel(branch.request), branch.hop, IGNORE);
        } catch (RuntimeException e) {
            // The INVITE branch still ends by its own timers.
        }
    }

    /**
     * RFC 3261 §16.7 step 9: our Via comes off a response from downstream, and the Vias below it are the request's
     * own (taken from the server transaction, since a request that crossed a link left with our Via only); it goes
     * back through the server transaction. A response for a phone names us by the phone's side in its
     * Record-Route, not by the name the other site routes to us with (§16.12.1.3).
     */
    private void upstream(SipResponse response, boolean fromDownstream) {
        if (!fromDownstream) {
            server.sendResponse(response);
            return;
        }
        ResponseBuilder out = response.toBuilder().removeHeaders(HeaderName.VIA);
        for (Header via : request().headers(HeaderName.VIA)) {
            out.addHeader(via);
        }
        if (!server.source().isLink() && !response.recordRoutes().isEmpty()) {
            rewriteRecordRoute(response, out, addresses.recordRoute(server.source().transport(), request().requestUri()));
        }
        server.sendResponse(out.build());
    }

    private void rewriteRecordRoute(SipResponse response, ResponseBuilder out, NameAddress phoneSide) {
        boolean ours = false;
        List<String> routes = new ArrayList<>();
        for (NameAddress route : response.recordRoutes()) {
            boolean linkName = addresses.isLinkRoute(route.uri());
            ours |= linkName;
            routes.add((linkName ? phoneSide : route).toString());
        }
        if (ours) {
            out.removeHeaders(HeaderName.RECORD_ROUTE);
            routes.forEach(route -> out.addHeader(HeaderName.RECORD_ROUTE.text(), route));
        }
    }

    private synchronized ProxyBranch branchOf(ClientTransaction transaction) {
        for (ProxyBranch branch : branches) {
            if (branch.transaction == transaction
                    || (branch.transaction == null && branch.request == transaction.request())) {
                return branch;
            }
        }
        return null;
    }

    static final ResponseListener IGNORE = new ResponseListener() {
        @Override
        public void onResponse(ClientTransaction transaction, SipResponse response) {
        }

        @Override
        public void onFailure(ClientTransaction transaction, TransactionFailure failure) {
        }
    };
}
