package org.sipsocial.routing.federation;

import org.sipsocial.sip.message.sdp.SessionDescription;

/**
 * The media of calls with other sites, as the link boundary meets it: each SDP body that crosses a link, with the
 * call (its Call-ID on this side) it belongs to. The site's media relay anchors the media (issue 11); without one,
 * {@link #ADDRESSES_ONLY} only hides the phones' addresses.
 */
public interface LinkMedia {
    /** A phone's SDP about to leave over a link; {@code publicHost} is where the other site sees this site. */
    SessionDescription towardSite(String call, SessionDescription fromPhone, String publicHost);

    /**
     * The other site's SDP, arrived over the link with {@code site}, about to go to a phone.
     *
     * @throws IllegalArgumentException when it lacks what the relay needs (the body is then not passed on)
     */
    SessionDescription towardPhone(String call, String site, SessionDescription fromSite);

    /** The call ended: its media resources go. */
    void end(String call);

    /** No relay: the phones' addresses become the site's public address, and the ports stay the phones'. */
    LinkMedia ADDRESSES_ONLY = new LinkMedia() {
        @Override
        public SessionDescription towardSite(String call, SessionDescription fromPhone, String publicHost) {
            return LinkSdp.withAddress(fromPhone, publicHost);
        }

        @Override
        public SessionDescription towardPhone(String call, String site, SessionDescription fromSite) {
            return fromSite;
        }

        @Override
        public void end(String call) {
        }
    };
}
