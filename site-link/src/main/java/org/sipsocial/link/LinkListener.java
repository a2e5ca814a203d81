package org.sipsocial.link;

import org.sipsocial.identity.SiteName;
import org.sipsocial.sip.message.SipMessage;

/**
 * Receives the SIP messages that arrive over links (RFC 5923: a link carries requests and responses both ways),
 * other than the link's own requests. {@code from} is the site the link's pinned certificate proves: the layer
 * above binds the remote site's identity to it, never to anything the message claims. It also hears when a link
 * goes down, to end what depended on it.
 */
@FunctionalInterface
public interface LinkListener {
    LinkListener NONE = (from, message) -> { };

    void received(SiteName from, SipMessage message);

    /** The link with {@code site} is no longer up (disconnected by either side, lost, or the site removed). */
    default void linkDown(SiteName site) {
    }

    /**
     * The link with {@code site} came up; its other end is at {@code remote} (as this site sees it), or
     * {@code null} when the link is relayed through another site (issue 15) and the far site's address is unknown.
     */
    default void linkUp(SiteName site, java.net.InetAddress remote) {
    }

    /**
     * The link with {@code site} stayed up but now runs over another connection, whose other end is at
     * {@code remote}, or {@code null} when it is relayed (issue 15: a direct link replaced the relayed one). What
     * depended on the link's other end (the media relay's UDP path) learns it anew; nothing on the link ends.
     */
    default void linkMoved(SiteName site, java.net.InetAddress remote) {
    }

    /** A {@link LinkFrame} arrived over the link with {@code from} (called on the links' thread: hand it on). */
    default void received(SiteName from, LinkFrame frame) {
    }
}
