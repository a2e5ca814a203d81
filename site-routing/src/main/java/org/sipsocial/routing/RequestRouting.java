package org.sipsocial.routing;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.sipsocial.routing.auth.DigestChallengeKind;
import org.sipsocial.routing.federation.ConnectedSites;
import org.sipsocial.routing.federation.Federation;
import org.sipsocial.routing.federation.LinkAccessPolicy;
import org.sipsocial.routing.federation.LinkBoundary.PhoneContact;
import org.sipsocial.routing.proxy.NextHop;
import org.sipsocial.routing.proxy.ProxyCore;
import org.sipsocial.routing.proxy.ProxyTarget;
import org.sipsocial.routing.registrar.Binding;
import org.sipsocial.routing.registrar.LocationService;
import org.sipsocial.sip.message.Responses;
import org.sipsocial.sip.message.SipMethod;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.uri.SipUri;
import org.sipsocial.sip.message.uri.Uri;
import org.sipsocial.sip.transaction.Hop;
import org.sipsocial.sip.transaction.ServerTransaction;
import org.sipsocial.store.DigestCredentials;

/**
 * The one decision point of the proxy (RFC 3261 §16.5): where a request goes. The Network Connection list is
 * the only routing table between sites:
 * <pre>
 * Request-URI (or top Route, in a dialog)   from a phone of this site        from the link with site X
 * this site's user                          its registered phones (404, 480)  its registered phones (404, 480)
 * our Contact token (sip:TOKEN@thisSite)    -                                 the phone it seals
 * a connected site Y                        the link to Y                     403: no transit
 * a site on the list, not connected         480 "Y is not connected"          403
 * anything else                             404 "Y is not a connected site"   403
 * </pre>
 * A phone speaks only as its own user (403), after digest authentication or, inside a dialog, from the address
 * its user is registered at; a link speaks only for its own site ({@link LinkAccessPolicy}).
 */
final class RequestRouting {
    private final SiteAddresses addresses;
    private final PhoneAccess access;
    private final LocationService location;
    private final Function<String, Optional<DigestCredentials>> users;
    private final ProxyCore proxy;
    private final Federation federation;
    private final Clock clock;
    private final Supplier<String> tags;
    private final ExposedSdesKeys sdesKeys = new ExposedSdesKeys();

    RequestRouting(SiteAddresses addresses, PhoneAccess access, LocationService location,
            Function<String, Optional<DigestCredentials>> users, ProxyCore proxy, Federation federation, Clock clock,
            Supplier<String> tags) {
        this.addresses = addresses;
        this.access = access;
        this.location = location;
        this.users = users;
        this.proxy = proxy;
        this.federation = federation;
        this.clock = clock;
        this.tags = tags;
    }

    /** Where a URI leads: the link of a connected site, or an address (RFC 3263 reduced to IP literals). */
    Optional<Hop> hopFor(Uri uri) {
        if (uri instanceof SipUri sip && federation.sites().reach(sip.host()) == ConnectedSites.Reach.CONNECTED) {
            return Optional.of(Hop.link(sip.host()));
        }
        return NextHop.of(uri);
    }

    /** A new request (no dialog through us) from a phone on the LAN. */
    void fromPhone(ServerTransaction transaction, SipRequest request) {
        Optional<String> user = access.authenticate(transaction, DigestChallengeKind.PROXY);
        if (user.isEmpty()) {
            return;
        }
        if (!access.speaksAs(request, user.get())) {
            respond(transaction, request, 403, "Forbidden (From is not the authenticated user of this site)");
            return;
        }
        sdesKeys.check(request, transaction.source().transport(), user.get(), addresses);
        SipUri target = (SipUri) request.requestUri();
        if (addresses.isForThisSite(target)) {
            toUser(transaction, AssertedIdentity.unasserted(request), target);
            return;
        }
        switch (federation.sites().reach(target.host())) {
            case CONNECTED -> proxy.forward(transaction, AssertedIdentity.assertedBy(request, user.get(), addresses.site()),
                    List.of(new ProxyTarget(target, Hop.link(target.host()), List.of())));
            case NOT_CONNECTED -> respond(transaction, request, 480, "Temporarily Unavailable (" + target.host() + " is not connected)");
            case NOT_LISTED -> respond(transaction, request, 404, "Not Found (" + target.host() + " is not a connected site)");
        }
    }

    /** A request inside a dialog that this site record-routed, from the LAN (our Route entries are gone). */
    void inDialogFromPhone(ServerTransaction transaction, SipRequest routed) {
        Optional<Hop> hop = hopFor(nextUri(routed));
        if (hop.isEmpty()) {
            respond(transaction, routed, 404, "Not Found (no route to " + routed.requestUri() + ")");
            return;
        }
        Optional<String> user = access.registeredSender(routed, transaction.source());
        if (user.isEmpty()) {
            user = access.authenticate(transaction, DigestChallengeKind.PROXY);
            if (user.isEmpty()) {
                return;
            }
            if (!access.speaksAs(routed, user.get())) {
                respond(transaction, routed, 403, "Forbidden (From is not the authenticated user of this site)");
                return;
            }
        }
        SipRequest out = hop.get().isLink() ? AssertedIdentity.assertedBy(routed, user.get(), addresses.site())
                : AssertedIdentity.unasserted(routed);
        proxy.forward(transaction, out, List.of(new ProxyTarget(routed.requestUri(), hop.get(), List.of())));
    }

    /** A request that arrived over the link with {@code site}, our Route entries removed. */
    void fromLink(ServerTransaction transaction, SipRequest routed, String site) {
        LinkAccessPolicy policy = federation.policy();
        Optional<LinkAccessPolicy.Refusal> refusal = routed.isMethod(SipMethod.REGISTER)
                ? Optional.of(LinkAccessPolicy.Refusal.REGISTER) : policy.identity(routed, site);
        if (refusal.isEmpty() && !routed.routes().isEmpty()) {
            refusal = Optional.of(LinkAccessPolicy.Refusal.TRANSIT);
        }
        Optional<PhoneContact> phone = federation.boundary().contactOf(routed.requestUri());
        if (refusal.isEmpty() && phone.isEmpty() && !addresses.isForThisSite(routed.requestUri())) {
            refusal = Optional.of(LinkAccessPolicy.Refusal.TRANSIT);
        }
        if (refusal.isPresent()) {
            policy.refused(refusal.get(), site, routed);
            respond(transaction, routed, refusal.get().status(), refusal.get().reason());
            return;
        }
        SipRequest request = AssertedIdentity.forPhone(routed);
        if (routed.to().tag() != null) {
            federation.dialogs().farSideSent(routed.callId(), routed.cSeq().number());
        }
        if (phone.isPresent()) {
            Optional<ProxyTarget> target = targetOf(phone.get());
            if (target.isEmpty()) {
                respond(transaction, routed, 480, "Temporarily Unavailable (that phone is no longer reachable)");
            } else {
                proxy.forward(transaction, request, List.of(target.get()));
            }
            return;
        }
        toUser(transaction, request, (SipUri) routed.requestUri());
    }

    /**
     * The ACK of a 2xx (RFC 3261 §16.11): forwarded statelessly along the same rules, or dropped (an ACK is never
     * answered). Our Route entries are already gone.
     */
    void ack(SipRequest routed, Hop source) {
        if (source.isLink()) {
            String site = source.linkSite();
            if (federation.policy().identity(routed, site).isPresent() || !routed.routes().isEmpty()) {
                return;
            }
            federation.boundary().contactOf(routed.requestUri()).flatMap(this::targetOf).ifPresent(target ->
                    proxy.forwardAck(routed.toBuilder().requestUri(target.requestUri()).build(), target.hop()));
            return;
        }
        if (addresses.isForThisSite(routed.requestUri()) && routed.routes().isEmpty()) {
            return;
        }
        Optional<Hop> hop = hopFor(nextUri(routed));
        if (hop.isPresent() && access.registeredSender(routed, source).isPresent()) {
            proxy.forwardAck(routed, hop.get());
        }
    }

    /** A user of this site: every phone it registered (parallel forking, §16.5), 404 or 480 otherwise. */
    private void toUser(ServerTransaction transaction, SipRequest request, SipUri target) {
        if (target.user() == null || users.apply(target.user()).isEmpty()) {
            respond(transaction, request, 404, "Not Found");
            return;
        }
        List<ProxyTarget> targets = new ArrayList<>();
        for (Binding binding : location.lookup(target.user().toLowerCase(Locale.ROOT), clock.instant())) {
            ContactRoute.of(binding).ifPresent(targets::add);
        }
        if (targets.isEmpty()) {
            respond(transaction, request, 480, "Temporarily Unavailable");
            return;
        }
        proxy.forward(transaction, request, targets);
    }

    /** The phone a Contact token names: through its registration's flow when it still has one (NAT), else its Contact. */
    private Optional<ProxyTarget> targetOf(PhoneContact phone) {
        for (Binding binding : location.lookup(phone.user().toLowerCase(Locale.ROOT), clock.instant())) {
            if (binding.contact().uri().equals(phone.contact())) {
                Optional<ProxyTarget> route = ContactRoute.of(binding);
                if (route.isPresent()) {
                    return Optional.of(new ProxyTarget(phone.contact(), route.get().hop(), List.of()));
                }
            }
        }
        return NextHop.of(phone.contact()).map(hop -> new ProxyTarget(phone.contact(), hop, List.of()));
    }

    private static Uri nextUri(SipRequest routed) {
        return routed.routes().isEmpty() ? routed.requestUri() : routed.routes().get(0).uri();
    }

    private void respond(ServerTransaction transaction, SipRequest request, int status, String reason) {
        transaction.sendResponse(Responses.create(request, status, reason, tags.get()).build());
    }
}
