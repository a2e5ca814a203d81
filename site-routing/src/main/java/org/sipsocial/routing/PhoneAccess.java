package org.sipsocial.routing;

import java.net.InetAddress;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

import org.sipsocial.routing.auth.AuthFailureThrottle;
import org.sipsocial.routing.auth.AuthOutcome;
import org.sipsocial.routing.auth.DigestAuthenticator;
import org.sipsocial.routing.auth.DigestChallengeKind;
import org.sipsocial.routing.registrar.Binding;
import org.sipsocial.routing.registrar.LocationService;
import org.sipsocial.sip.message.ResponseBuilder;
import org.sipsocial.sip.message.Responses;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.uri.SipUri;
import org.sipsocial.sip.transaction.Hop;
import org.sipsocial.sip.transaction.ServerTransaction;
import org.sipsocial.sip.transaction.TimerService;

/**
 * Who may speak for a user of this site from the LAN: a phone that authenticates with digest (RFC 7616), behind
 * the failure throttle, or, inside a dialog, a phone registered for that user at the address the request comes
 * from. Anything else is challenged (and a blocked source gets nothing), so a request from an address that is
 * neither a phone of this site nor a link never reaches a phone, whatever it claims.
 */
final class PhoneAccess {
    private final DigestAuthenticator authenticator;
    private final AuthFailureThrottle throttle;
    private final LocationService location;
    private final TimerService timers;
    private final Clock clock;
    private final java.util.function.Supplier<String> tags;
    private final SiteAddresses addresses;

    PhoneAccess(SiteAddresses addresses, DigestAuthenticator authenticator, AuthFailureThrottle throttle,
            LocationService location, TimerService timers, Clock clock, java.util.function.Supplier<String> tags) {
        this.addresses = addresses;
        this.authenticator = authenticator;
        this.throttle = throttle;
        this.location = location;
        this.timers = timers;
        this.clock = clock;
        this.tags = tags;
    }

    /**
     * Digest authentication with the failure throttle: the authenticated user, or empty when a challenge (or
     * nothing, for a blocked source) went back instead. Failures answer after the throttle's delay.
     */
    Optional<String> authenticate(ServerTransaction transaction, DigestChallengeKind kind) {
        InetAddress source = transaction.source().address().getAddress();
        AuthOutcome outcome = authenticator.authenticate(transaction.request(), kind);
        if (outcome.isAuthenticated()) {
            throttle.succeeded(source);
            return Optional.of(outcome.userName().toLowerCase(Locale.ROOT));
        }
        ResponseBuilder challenge = Responses.create(transaction.request(), kind.statusCode(), kind.reasonPhrase(), tags.get());
        for (String value : authenticator.challenges(transaction.request(), outcome.kind() == AuthOutcome.Kind.STALE)) {
            challenge.addHeader(kind.challengeHeader(), value);
        }
        if (outcome.kind() != AuthOutcome.Kind.FAILED) {
            transaction.sendResponse(challenge.build());
            return Optional.empty();
        }
        AuthFailureThrottle.Admission admission = throttle.admit(source);
        throttle.failed(source, outcome.userName(), outcome.detail());
        if (admission.kind() == AuthFailureThrottle.Admission.Kind.DELAY) {
            timers.schedule(admission.delay(), () -> transaction.sendResponse(challenge.build()));
        } else if (admission.kind() == AuthFailureThrottle.Admission.Kind.ALLOW) {
            transaction.sendResponse(challenge.build());
        }
        return Optional.empty();
    }

    /**
     * The user a request inside a dialog speaks for, when its From is a user of this site with a phone registered
     * at the request's source address (phones behind one NAT share it); empty otherwise.
     */
    Optional<String> registeredSender(SipRequest request, Hop source) {
        String user = userOfThisSite(request);
        if (user == null || source.isLink()) {
            return Optional.empty();
        }
        InetAddress from = source.address().getAddress();
        for (Binding binding : location.lookup(user, clock.instant())) {
            if (binding.flow().remote().getAddress().equals(from)) {
                return Optional.of(user);
            }
        }
        return Optional.empty();
    }

    /** Whether the request's From names {@code user} of this site (a phone may speak only for its own user). */
    boolean speaksAs(SipRequest request, String user) {
        return user.equals(userOfThisSite(request));
    }

    private String userOfThisSite(SipRequest request) {
        if (request.from() == null || !(request.from().uri() instanceof SipUri from) || from.user() == null
                || !addresses.isSiteHost(from.host())) {
            return null;
        }
        return from.user().toLowerCase(Locale.ROOT);
    }
}
