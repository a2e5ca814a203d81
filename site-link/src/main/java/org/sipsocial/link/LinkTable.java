package org.sipsocial.link;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sipsocial.identity.SiteName;

/**
 * The connections of a site's links: at most one dial in progress and one link up per remote site. Used on the
 * link thread only.
 */
final class LinkTable {
    private final SiteName self;
    private final Map<SiteName, LinkConnection> links = new HashMap<>();
    private final Map<SiteName, LinkConnection> dialling = new HashMap<>();

    LinkTable(SiteName self) {
        this.self = self;
    }

    /** True when a dial to {@code site} is in progress or a link to it is up. */
    boolean busy(SiteName site) {
        return dialling.containsKey(site) || links.containsKey(site);
    }

    void dialling(SiteName site, LinkConnection connection) {
        dialling.put(site, connection);
    }

    /** True when {@code connection} is the dial in progress to {@code site}. */
    boolean isDialling(SiteName site, LinkConnection connection) {
        return dialling.get(site) == connection;
    }

    /** Ends the dial {@code connection}; false when it is no longer the current dial (replaced or abandoned). */
    boolean dialEnded(SiteName site, LinkConnection connection) {
        return dialling.remove(site, connection);
    }

    LinkConnection link(SiteName site) {
        return links.get(site);
    }

    /**
     * Makes {@code connection} the link to {@code site}. When both sides dialled and both got through, both keep
     * the connection whose TLS client is the site whose name sorts first and close the other without reporting
     * it (the client is the dialler, or of two dials that crossed into one connection, the first name).
     *
     * @return true when {@code connection} is now the link; false when it was closed as the duplicate
     */
    boolean linked(SiteName site, LinkConnection connection) {
        dialling.remove(site, connection);
        LinkConnection existing = links.get(site);
        if (existing != null && existing != connection && existing.isOpen()) {
            boolean weSortFirst = self.key().compareTo(site.key()) < 0;
            if (existing.initiator() == weSortFirst) {
                connection.closeQuietly();
                return false;
            }
            existing.closeQuietly();
        }
        links.put(site, connection);
        return true;
    }

    /** The sites with a link up. */
    java.util.Set<SiteName> linkedSites() {
        return java.util.Set.copyOf(links.keySet());
    }

    /** How many links are up. */
    int size() {
        return links.size();
    }

    /** Removes {@code connection} as the link to {@code site}; false when it was not the link. */
    boolean unlinked(SiteName site, LinkConnection connection) {
        return links.remove(site, connection);
    }

    /** Removes and returns the link to {@code site} and abandons any dial to it. */
    LinkConnection hangUp(SiteName site) {
        LinkConnection attempt = dialling.remove(site);
        if (attempt != null) attempt.closeQuietly();
        return links.remove(site);
    }

    /** Closes every connection without reporting (the site is stopping). */
    void closeAll() {
        List<LinkConnection> all = new ArrayList<>(links.values());
        all.addAll(dialling.values());
        all.forEach(LinkConnection::closeQuietly);
    }
}
