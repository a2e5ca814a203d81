package org.sipsocial.routing.federation;

import java.security.SecureRandom;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.sipsocial.routing.SiteAddresses;

/**
 * What the core needs to route between sites: the Network Connection list ({@link ConnectedSites}), the
 * boundary every message crosses a link through ({@link LinkBoundary}), what a link may claim
 * ({@link LinkAccessPolicy}), and the calls in progress with other sites ({@link LinkDialogs}).
 */
public record Federation(ConnectedSites sites, LinkBoundary boundary, LinkAccessPolicy policy, LinkDialogs dialogs) {

    /** A site with no other sites: requests for other sites get 404. */
    public static Federation alone(SiteAddresses addresses) {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        return new Federation(ConnectedSites.NONE,
                new LinkBoundary(addresses, new OpaqueTokens(new SecureRandom()), ConnectedSites.NONE),
                new LinkAccessPolicy(metrics), new LinkDialogs(java.time.Clock.systemUTC(), metrics, LinkMedia.ADDRESSES_ONLY));
    }
}
