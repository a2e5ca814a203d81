package org.sipsocial.routing;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.sipsocial.routing.auth.AuthFailureThrottle;
import org.sipsocial.routing.auth.DigestAuthenticator;
import org.sipsocial.routing.auth.DigestChallengeKind;
import org.sipsocial.routing.federation.Federation;
import org.sipsocial.routing.proxy.ProxyCore;
import org.sipsocial.routing.registrar.Flow;
import org.sipsocial.routing.registrar.LocationService;
import org.sipsocial.routing.registrar.Registrar;
import org.sipsocial.sip.message.ResponseBuilder;
import org.sipsocial.sip.message.Responses;
import org.sipsocial.sip.message.SipMethod;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipSyntaxException;
import org.sipsocial.sip.message.uri.SipUri;
import org.sipsocial.sip.message.uri.Uri;
import org.sipsocial.sip.transaction.Hop;
import org.sipsocial.sip.transaction.ServerTransaction;
import org.sipsocial.sip.transaction.TimerService;
import org.sipsocial.sip.transaction.TransactionUser;
import org.sipsocial.store.DigestCredentials;

/**
 * The site's core above the transaction layer: it dispatches each request to the registrar for its own AORs
 * (RFC 3261 §10.3), to the site itself (OPTIONS, §11), or to the proxy's one routing decision
 * ({@link RequestRouting}), which reaches this site's phones and, over the links, connected sites. Who may ask
 * is decided by {@link PhoneAccess} for the LAN and by the federation's link policy for links.
 */
public final class SiteCore implements TransactionUser {
    private final SiteAddresses addresses;
    private final PhoneAccess access;
    private final Registrar registrar;
    private final ProxyCore proxy;
    private final RequestRouting routing;
    private final Supplier<String> tags;
    private volatile boolean stopping;

    public SiteCore(SiteAddresses addresses, DigestAuthenticator authenticator, AuthFailureThrottle throttle,
            Registrar registrar, LocationService location, Function<String, Optional<DigestCredentials>> users,
            ProxyCore proxy, Federation federation, TimerService timers, Clock clock, Supplier<String> tags) {
        this.addresses = addresses;
        this.access = new PhoneAccess(addresses, authenticator, throttle, location, timers, clock, tags);
        this.registrar = registrar;
        this.proxy = proxy;
        this.routing = new RequestRouting(addresses, access, location, users, proxy, federation, clock, tags);
        this.tags = tags;
    }

    /** Where a URI leads, for the proxy's stateless forwarding: a connected site's link, or an address. */
    public Optional<Hop> hopFor(Uri uri) {
        return routing.hopFor(uri);
    }

    /**
     * The site is stopping: new requests get 503 with Retry-After, and requests still being proxied are answered
     * (503) and their branches cancelled. Returns when every waiting request has had its answer handed down.
     */
    public void stop() {
        stopping = true;
        proxy.abortAll();
    }

    /**
     * The link with {@code site} went (a Disconnect, a lost link, the site removed): its requests are refused from
     * now on by routing, and each phone in a call with it gets a BYE. Returns how many calls were ended.
     */
    public int linkDown(String site) {
        return proxy.endCallsWith(site);
    }

    @Override
    public void onRequest(ServerTransaction transaction) {
        SipRequest request = transaction.request();
        Hop source = transaction.source();
        try {
            if (request.isMethod(SipMethod.CANCEL)) {
                cancel(transaction);
                return;
            }
            if (stopping) {
                respond(transaction, Responses.create(request, 503, "Service Unavailable (site stopping)", tags.get())
                        .addHeader("Retry-After", "30"));
                return;
            }
            Optional<RequestChecks.Refusal> refusal = RequestChecks.check(request, addresses);
            if (refusal.isPresent()) {
                refuse(transaction, refusal.get());
                return;
            }
            SipRequest routed = RoutePreprocessing.apply(request, addresses);
            if (source.isLink()) {
                if (isForTheSiteItself(routed) && request.isMethod(SipMethod.OPTIONS)) {
                    answerForTheSite(transaction);
                } else {
                    routing.fromLink(transaction, routed, source.linkSite());
                }
            } else if (routed.to().tag() != null && routed != request && !addresses.isForThisSite(routed.requestUri())) {
                routing.inDialogFromPhone(transaction, routed);
            } else if (request.isMethod(SipMethod.REGISTER) && addresses.isForThisSite(request.requestUri())) {
                register(transaction);
            } else if (isForTheSiteItself(routed)) {
                answerForTheSite(transaction);
            } else {
                routing.fromPhone(transaction, routed);
            }
        } catch (SipSyntaxException e) {
            respond(transaction, Responses.create(request, 400, "Bad Request (" + e.getMessage() + ")", tags.get()));
        }
    }

    @Override
    public void onAck(SipRequest ack, Hop source) {
        try {
            routing.ack(RoutePreprocessing.apply(ack, addresses), source);
        } catch (SipSyntaxException e) {
            // An ACK is never answered (RFC 3261 §17.2.1); a malformed one is dropped.
        }
    }

    private boolean isForTheSiteItself(SipRequest routed) {
        return addresses.isForThisSite(routed.requestUri()) && ((SipUri) routed.requestUri()).user() == null
                && routed.routes().isEmpty();
    }

    private void cancel(ServerTransaction transaction) {
        Optional<ServerTransaction> invite = transaction.cancelTarget();
        if (invite.isEmpty()) {
            respond(transaction, Responses.create(transaction.request(), 481, "Call/Transaction Does Not Exist", tags.get()));
            return;
        }
        respond(transaction, Responses.create(transaction.request(), 200, "OK", tags.get()));
        proxy.cancel(invite.get());
    }

    private void register(ServerTransaction transaction) {
        SipRequest request = transaction.request();
        Optional<RequestChecks.Refusal> require = RequestChecks.checkRequire(request, RequestChecks.REGISTRAR_SUPPORTED);
        if (require.isPresent()) {
            refuse(transaction, require.get());
            return;
        }
        Optional<String> user = access.authenticate(transaction, DigestChallengeKind.REGISTRAR);
        if (user.isEmpty()) {
            return;
        }
        if (!(request.to().uri() instanceof SipUri) || !addresses.isSiteHost(((SipUri) request.to().uri()).host())
                || !user.get().equalsIgnoreCase(((SipUri) request.to().uri()).user())) {
            respond(transaction, Responses.create(request, 403, "Forbidden (you may register only your own address)", tags.get()));
            return;
        }
        Flow flow = new Flow(transaction.source().transport(), transaction.source().address());
        transaction.sendResponse(registrar.register(request, user.get(), flow));
    }

    /** OPTIONS (and the like) for the site itself, not a user: answered here, as RFC 3261 §11 describes. */
    private void answerForTheSite(ServerTransaction transaction) {
        SipRequest request = transaction.request();
        if (!request.isMethod(SipMethod.OPTIONS)) {
            respond(transaction, Responses.create(request, 405, "Method Not Allowed", tags.get())
                    .addHeader("Allow", "OPTIONS, REGISTER"));
            return;
        }
        respond(transaction, optionsAnswer(request, tags.get()));
    }

    /** The site's own 200 to OPTIONS (RFC 3261 §11.2): what it allows, accepts and supports. */
    static ResponseBuilder optionsAnswer(SipRequest request, String toTag) {
        return Responses.create(request, 200, "OK", toTag)
                .addHeader("Allow", "INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER, MESSAGE, INFO, UPDATE, REFER, SUBSCRIBE, NOTIFY, PRACK")
                .addHeader("Accept", "application/sdp")
                .addHeader("Supported", "path, outbound");
    }

    private void refuse(ServerTransaction transaction, RequestChecks.Refusal refusal) {
        ResponseBuilder response = Responses.create(transaction.request(), refusal.status(), refusal.reason(), tags.get());
        if (refusal.unsupported() != null) {
            response.addHeader("Unsupported", refusal.unsupported());
        }
        respond(transaction, response);
    }

    private static void respond(ServerTransaction transaction, ResponseBuilder response) {
        transaction.sendResponse(response.build());
    }
}
