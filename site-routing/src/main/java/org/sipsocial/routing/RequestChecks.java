package org.sipsocial.routing;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.header.Via;
import org.sipsocial.sip.message.uri.SipUri;

/**
 * The request validation of RFC 3261 §16.3 (and §8.2.2 where the site answers as a UAS), cheapest first.
 * Each failed check names the response: 416 for a Request-URI scheme a site cannot route (RFC 4475 §3.3.2,
 * §3.3.3), 483 for Max-Forwards 0 (§3.3.11), 482 for a request that already went through this proxy, 420 with
 * Unsupported for Proxy-Require (or, to the registrar, Require) option tags it does not know (§3.3.5).
 */
public final class RequestChecks {
    /** Extensions the registrar supports as a UAS (RFC 3327 Path, RFC 5626 outbound). */
    public static final Set<String> REGISTRAR_SUPPORTED = Set.of("path", "outbound");

    /** A response the request gets instead of being processed. */
    public record Refusal(int status, String reason, String unsupported) {
        static Refusal of(int status, String reason) {
            return new Refusal(status, reason, null);
        }
    }

    private RequestChecks() {
    }

    /** §16.3 for a request this proxy would forward or answer. */
    public static Optional<Refusal> check(SipRequest request, SiteAddresses addresses) {
        if (!(request.requestUri() instanceof SipUri)) {
            return Optional.of(Refusal.of(416, "Unsupported URI Scheme"));
        }
        if (request.maxForwards() == 0) {
            return Optional.of(Refusal.of(483, "Too Many Hops"));
        }
        for (Via via : request.via()) {
            if (addresses.isSiteHost(via.host()) && addresses.listeners().containsValue(via.port())) {
                return Optional.of(Refusal.of(482, "Loop Detected"));
            }
        }
        List<String> proxyRequire = request.proxyRequire();
        if (!proxyRequire.isEmpty()) {
            return Optional.of(new Refusal(420, "Bad Extension", String.join(", ", proxyRequire)));
        }
        return Optional.empty();
    }

    /** §8.2.2.3 for a request the site answers itself (REGISTER): every Require tag must be supported. */
    public static Optional<Refusal> checkRequire(SipRequest request, Set<String> supported) {
        List<String> unknown = request.require().stream().filter(tag -> !supported.contains(tag.toLowerCase())).toList();
        return unknown.isEmpty() ? Optional.empty() : Optional.of(new Refusal(420, "Bad Extension", String.join(", ", unknown)));
    }
}
