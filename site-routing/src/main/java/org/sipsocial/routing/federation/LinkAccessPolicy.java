package org.sipsocial.routing.federation;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.header.NameAddress;
import org.sipsocial.sip.message.uri.SipUri;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a request arriving over a link may claim: a site speaks only for its own users. The From and every
 * P-Asserted-Identity (RFC 3325 §9.1) must name the site whose pinned certificate the link proved, never a
 * header or an address; a request that breaks this is refused with 403, logged with the link's name, and
 * counted ({@code sipsocial_link_refusals_total{site, reason}}).
 */
public final class LinkAccessPolicy {
    private static final Logger LOG = LoggerFactory.getLogger(LinkAccessPolicy.class);

    /** Why a request from a link was refused: each with its reason phrase. */
    public enum Refusal {
        FROM_ANOTHER_SITE("Forbidden (a site may speak only for its own users)"),
        ASSERTED_FOR_ANOTHER_SITE("Forbidden (P-Asserted-Identity names another site)"),
        TRANSIT("Forbidden (no transit: this site routes only to its own users)"),
        REGISTER("Forbidden (phones register at their own site)");

        private final String reason;

        Refusal(String reason) {
            this.reason = reason;
        }

        public int status() {
            return 403;
        }

        public String reason() {
            return reason;
        }
    }

    private final MeterRegistry metrics;
    private final Set<String> loggedOnce = ConcurrentHashMap.newKeySet();

    public LinkAccessPolicy(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    /** The refusal for a request that {@code site} sent over its link, or empty when it may speak so. */
    public Optional<Refusal> identity(SipRequest request, String site) {
        if (!names(request.from(), site)) {
            return Optional.of(Refusal.FROM_ANOTHER_SITE);
        }
        for (NameAddress asserted : request.pAssertedIdentities()) {
            if (!names(asserted, site)) {
                return Optional.of(Refusal.ASSERTED_FOR_ANOTHER_SITE);
            }
        }
        return Optional.empty();
    }

    /** Records a refusal: a metric always, a log line per site and reason (a flood of them logs once). */
    public void refused(Refusal refusal, String site, SipRequest request) {
        Counter.builder("sipsocial_link_refusals").description("Requests from a link refused by the access policy")
                .tag("site", site).tag("reason", refusal.name().toLowerCase(java.util.Locale.ROOT))
                .register(metrics).increment();
        String from = request.from() == null ? "?" : request.from().uri().toString();
        if (loggedOnce.add(site + " " + refusal)) {
            LOG.warn("refused {} from the link with {} (From {}): {}", request.method(), site, from, refusal.reason());
        } else {
            LOG.debug("refused {} from the link with {} (From {}): {}", request.method(), site, from, refusal.reason());
        }
    }

    private static boolean names(NameAddress identity, String site) {
        return identity != null && identity.uri() instanceof SipUri sip && sip.host().equalsIgnoreCase(site);
    }
}
