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
    private final java.util.function.Consumer<LinkConnection> retireRelayed;
    private final Map<SiteName, LinkConnection> links = new HashMap<>();
    private final Map<SiteName, LinkConnection> dialling = new HashMap<>();

    /**
     * {@code retireRelayed} closes a relayed link that a direct one replaced (issue 15), in its own time: the other
     * side may not have the direct link yet, and must not see its link lost before it does.
     */
    LinkTable(SiteName self, java.util.function.Consumer<LinkConnection> retireRelayed) {
        this.self = self;
        this.retireRelayed = retireRelayed;
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

    /** True when a dial to {@code site} is in progress. */
    boolean busyDialling(SiteName site) {
        return dialling.containsKey(site);
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
            boolean existingDirect = existing.peer().through() == null;
            if (existingDirect != (connection.peer().through() == null)) {
                // Issue 15: a direct link replaces a relayed one, and a relayed one never replaces a direct one.
                if (existingDirect) {
                    connection.closeQuietly();
                    return false;
                }
                links.put(site, connection);
                retireRelayed.accept(existing);
                return true;
            } else if (existing.initiator() == weSortFirst) {
                connection.closeQuietly();
                return false;
            }
            existing.closeQuietly();
        }
        links.put(site, connection);
        return true;
    }

    /** The sites with a direct link up (not relayed), which may relay for this site (issue 15). */
    List<SiteName> directlyLinked() {
        List<SiteName> out = new ArrayList<>();
        links.forEach((site, link) -> {
            if (link.peer().through() == null && link.isOpen()) out.add(site);
        });
        return out;
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
