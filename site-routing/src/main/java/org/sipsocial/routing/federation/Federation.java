package org.sipsocial.routing.federation;

/**
 * What the core needs to route between sites: the Network Connection list ({@link ConnectedSites}), the
 * boundary every message crosses a link through ({@link LinkBoundary}), what a link may claim
 * ({@link LinkAccessPolicy}), and the calls in progress with other sites ({@link LinkDialogs}).
 */
public record Federation(ConnectedSites sites, LinkBoundary boundary, LinkAccessPolicy policy, LinkDialogs dialogs) {
}
