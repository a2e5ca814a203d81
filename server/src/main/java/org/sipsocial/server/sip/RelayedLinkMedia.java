package org.sipsocial.server.sip;

import org.sipsocial.media.MediaAnchor;
import org.sipsocial.routing.federation.LinkMedia;
import org.sipsocial.sip.message.sdp.SessionDescription;

/** The media of calls with other sites, anchored at the site's media relay. */
final class RelayedLinkMedia implements LinkMedia {
    private final MediaAnchor anchor;

    RelayedLinkMedia(MediaAnchor anchor) {
        this.anchor = anchor;
    }

    @Override
    public SessionDescription towardSite(String call, SessionDescription fromPhone, String publicHost) {
        return anchor.towardSite(call, fromPhone, publicHost);
    }

    @Override
    public SessionDescription towardPhone(String call, String site, SessionDescription fromSite) {
        return anchor.towardPhone(call, site, fromSite);
    }

    @Override
    public void end(String call) {
        anchor.end(call);
    }
}
