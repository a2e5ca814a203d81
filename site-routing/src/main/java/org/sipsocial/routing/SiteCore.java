package org.sipsocial.routing;

import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.sipsocial.routing.auth.AuthFailureThrottle;
import org.sipsocial.routing.auth.AuthOutcome;
import org.sipsocial.routing.auth.DigestAuthenticator;
import org.sipsocial.routing.auth.DigestChallengeKind;
import org.sipsocial.routing.proxy.NextHop;
import org.sipsocial.routing.proxy.ProxyCore;
import org.sipsocial.routing.proxy.ProxyTarget;
import org.sipsocial.routing.registrar.Binding;
import org.sipsocial.routing.registrar.Flow;
import org.sipsocial.routing.registrar.LocationService;
import org.sipsocial.routing.registrar.Registrar;
import org.sipsocial.sip.message.ResponseBuilder;
import org.sipsocial.sip.message.Responses;
import org.sipsocial.sip.message.SipMethod;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipSyntaxException;
import org.sipsocial.sip.message.uri.SipUri;
import org.sipsocial.sip.transaction.Hop;
import org.sipsocial.sip.transaction.ServerTransaction;
import org.sipsocial.sip.transaction.TimerService;
import org.sipsocial.sip.transaction.TransactionUser;
import org.sipsocial.store.DigestCredentials;

/**
 * The site's core above the transaction layer: registrar for its own AORs (RFC 3261 §10.3) and stateful proxy
 * for its phones (§16), behind one access policy. Every request from the LAN that is not part of a dialog
 * through this proxy must come from an authenticated user of this site (401 for REGISTER, 407 otherwise),
 * whose identity it may not disguise; an unauthenticated sender gets the same challenge whether or not the
 * user it names exists. Requests for another domain are the links' business (a later issue) and get 404.
 */
public final class SiteCore implements TransactionUser {
    private final SiteAddresses addresses;
    private final DigestAuthenticator authenticator;
    private final AuthFailureThrottle throttle;
    private final Registrar registrar;
    private final LocationService location;
    private final Function<String, Optional<DigestCredentials>> users;
    private final ProxyCore proxy;
    private final TimerService timers;
    private final Clock clock;
    private final Supplier<String> tags;
    private volatile boolean stopping;
    private final ExposedSdesKeys sdesKeys = new ExposedSdesKeys();

    public SiteCore(SiteAddresses addresses, DigestAuthenticator authenticator, AuthFailureThrottle throttle,
            Registrar registrar, LocationService location, Function<String, Optional<DigestCredentials>> users,
            ProxyCore proxy, TimerService timers, Clock clock, Supplier<String> tags) {
        this.addresses = addresses;
        this.authenticator = authenticator;
        this.throttle = throttle;
        this.registrar = registrar;
        this.location = location;
        this.users = users;
        this.proxy = proxy;
        this.timers = timers;
        this.clock = clock;
        this.tags = tags;
    }

    /**
     * The site is stopping: new requests get 503 with Retry-After, and requests still being proxied are answered
     * (503) and their branches cancelled. Returns when every waiting request has had its answer handed down.
     */
    public void stop() {
        stopping = true;
        proxy.abortAll();
    }

    @Override
    public void onRequest(ServerTransaction transaction) {
        SipRequest request = transaction.request();
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
            if (routed.to().tag() != null && routed != request && !addresses.isForThisSite(routed.requestUri())) {
                forwardInDialog(transaction, routed);
            } else if (request.isMethod(SipMethod.REGISTER) && addresses.isForThisSite(request.requestUri())) {
                register(transaction);
            } else if (addresses.isForThisSite(request.requestUri()) && ((SipUri) request.requestUri()).user() == null) {
                answerForTheSite(transaction);
            } else {
                proxyFromPhone(transaction, routed);
            }
        } catch (SipSyntaxException e) {
            respond(transaction, Responses.create(request, 400, "Bad Request (" + e.getMessage() + ")", tags.get()));
        }
    }

    @Override
    public void onAck(SipRequest ack, Hop source) {
        try {
            SipRequest routed = RoutePreprocessing.apply(ack, addresses);
            if (!addresses.isForThisSite(routed.requestUri()) || !routed.routes().isEmpty()) {
                proxy.forwardAck(routed);
            }
        } catch (SipSyntaxException e) {
            // An ACK is never answered (RFC 3261 §17.2.1); a malformed one is dropped.
        }
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
        Optional<String> user = authenticate(transaction, DigestChallengeKind.REGISTRAR);
        if (user.isEmpty()) {
            return;
        }
        if (!(request.to().uri() instanceof SipUri) || !addresses.isSiteHost(((SipUri) request.to().uri()).host())
                || !user.get().equalsIgnoreCase(((SipUri) request.to().uri()).user())) {
            respond(transaction, Responses.create(request, 403, "Forbidden (you may register only your own address)", tags.get()));
            return;
        }
        Flow flow = new Flow(transaction.source().transport(), transaction.source().address());
        transaction.sendResponse(registrar.register(request, user.get().toLowerCase(Locale.ROOT), flow));
    }

    /** OPTIONS (and the like) for the site itself, not a user: answered here, as RFC 3261 §11 describes. */
    private void answerForTheSite(ServerTransaction transaction) {
        SipRequest request = transaction.request();
        if (!request.isMethod(SipMethod.OPTIONS)) {
            respond(transaction, Responses.create(request, 405, "Method Not Allowed", tags.get())
                    .addHeader("Allow", "OPTIONS, REGISTER"));
            return;
        }
        respond(transaction, Responses.create(request, 200, "OK", tags.get())
                .addHeader("Allow", "INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER, MESSAGE, INFO, UPDATE, REFER, SUBSCRIBE, NOTIFY, PRACK")
                .addHeader("Accept", "application/sdp")
                .addHeader("Supported", "path, outbound"));
    }

    private void proxyFromPhone(ServerTransaction transaction, SipRequest request) {
        Optional<String> user = authenticate(transaction, DigestChallengeKind.PROXY);
        if (user.isEmpty()) {
            return;
        }
        if (!(request.from().uri() instanceof SipUri) || !addresses.isSiteHost(((SipUri) request.from().uri()).host())
                || !user.get().equalsIgnoreCase(((SipUri) request.from().uri()).user())) {
            respond(transaction, Responses.create(request, 403, "Forbidden (From is not the authenticated user of this site)", tags.get()));
            return;
        }
        sdesKeys.check(request, transaction.source().transport(), user.get(), addresses);
        SipUri target = (SipUri) request.requestUri();
        if (!addresses.isForThisSite(target)) {
            respond(transaction, Responses.create(request, 404, "Not Found (" + target.host() + " is not a connected site)", tags.get()));
            return;
        }
        if (target.user() == null || users.apply(target.user()).isEmpty()) {
            respond(transaction, Responses.create(request, 404, "Not Found", tags.get()));
            return;
        }
        List<Binding> bindings = location.lookup(target.user().toLowerCase(Locale.ROOT), clock.instant());
        List<ProxyTarget> targets = new ArrayList<>();
        for (Binding binding : bindings) {
            ContactRoute.of(binding).ifPresent(targets::add);
        }
        if (targets.isEmpty()) {
            respond(transaction, Responses.create(request, 480, "Temporarily Unavailable", tags.get()));
            return;
        }
        proxy.forward(transaction, request, targets);
    }

    private void forwardInDialog(ServerTransaction transaction, SipRequest routed) {
        Optional<Hop> hop = NextHop.of(routed.routes().isEmpty() ? routed.requestUri() : routed.routes().get(0).uri());
        if (hop.isEmpty()) {
            respond(transaction, Responses.create(routed, 404, "Not Found (no route to " + routed.requestUri() + ")", tags.get()));
            return;
        }
        proxy.forward(transaction, routed, List.of(new ProxyTarget(routed.requestUri(), hop.get(), List.of())));
    }

    /**
     * Digest authentication with the failure throttle: the authenticated user, or empty when a challenge (or
     * nothing, for a blocked source) went back instead. Failures answer after the throttle's delay.
     */
    private Optional<String> authenticate(ServerTransaction transaction, DigestChallengeKind kind) {
        InetAddress source = transaction.source().address().getAddress();
        AuthOutcome outcome = authenticator.authenticate(transaction.request(), kind);
        if (outcome.isAuthenticated()) {
            throttle.succeeded(source);
            return Optional.of(outcome.userName());
        }
        ResponseBuilder challenge = Responses.create(transaction.request(), kind.statusCode(), kind.reasonPhrase(), tags.get());
        for (String value : authenticator.challenges(transaction.request(), outcome.kind() == AuthOutcome.Kind.STALE)) {
            challenge.addHeader(kind.challengeHeader(), value);
        }
        if (outcome.kind() != AuthOutcome.Kind.FAILED) {
            respond(transaction, challenge);
            return Optional.empty();
        }
        AuthFailureThrottle.Admission admission = throttle.admit(source);
        throttle.failed(source, outcome.userName(), outcome.detail());
        if (admission.kind() == AuthFailureThrottle.Admission.Kind.DELAY) {
            timers.schedule(admission.delay(), () -> respond(transaction, challenge));
        } else if (admission.kind() == AuthFailureThrottle.Admission.Kind.ALLOW) {
            respond(transaction, challenge);
        }
        return Optional.empty();
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
