package org.sipsocial.link;

import java.time.Duration;
import org.sipsocial.sip.message.SipMessage;
import org.sipsocial.sip.message.SipRequest;

/** The events a {@link LinkConnection} reports to {@link SiteLinks}; all are called on the link thread. */
interface LinkEvents {
    void dialFailed(RemoteSite site, LinkConnection connection, LinkError error);

    void peerRefuses(RemoteSite site, LinkConnection connection);

    /** An answering connection asks whether we accept a link with {@code site} (no: we disconnected it). */
    boolean offered(RemoteSite site, LinkConnection connection);

    void linked(RemoteSite site, LinkConnection connection);

    void measured(RemoteSite site, LinkConnection connection, Duration roundTrip, String seenFrom);

    void peerDisconnected(RemoteSite site, LinkConnection connection);

    void lost(RemoteSite site, LinkConnection connection, LinkError error);

    void refused(LinkError error);

    /** A page of the other site's directory arrived on a link that is up. */
    LinkDirectory.Answer directoryPage(RemoteSite site, LinkConnection connection, SipRequest page);

    /** A SIP message other than the link's own arrived on a link. */
    void received(RemoteSite site, SipMessage message);

    /** A {@link LinkFrame} arrived on a link that is up. */
    void received(RemoteSite site, LinkFrame frame);

    /** Before any link: a site asks to be relayed, or joins a relayed link ({@link RelayDesk}). */
    void relayAsked(RemoteSite site, LinkConnection connection, SipRequest request);

    /** On a link that is up: the relaying site {@code site} offers a relayed link ({@link RelayDialler}). */
    void relayOffered(RemoteSite site, LinkConnection connection, SipRequest request);
}
