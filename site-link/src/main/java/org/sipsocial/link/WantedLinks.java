package org.sipsocial.link;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.sipsocial.identity.SiteName;

/**
 * What the administrator chose for each link ({@link LinkChoice}), kept across restarts: a site that restarts
 * redials the links that were wanted, keeps refusing the ones its administrator disconnected, and accepts a
 * Connect from any other site on its Network Connection list.
 */
public interface WantedLinks {
    /** The sites whose links are wanted ({@link LinkChoice#CONNECT}). */
    Set<SiteName> wanted();

    /** The sites whose links this site's administrator disconnected ({@link LinkChoice#DISCONNECT}). */
    Set<SiteName> disconnected();

    void choose(SiteName site, LinkChoice choice);

    /** In memory; a test "restarts" a site by handing the same one to a new {@link SiteLinks}. */
    static WantedLinks inMemory() {
        Map<SiteName, LinkChoice> choices = new ConcurrentHashMap<>();
        return new WantedLinks() {
            @Override
            public Set<SiteName> wanted() {
                return with(LinkChoice.CONNECT);
            }

            @Override
            public Set<SiteName> disconnected() {
                return with(LinkChoice.DISCONNECT);
            }

            @Override
            public void choose(SiteName site, LinkChoice choice) {
                if (choice == LinkChoice.NONE) choices.remove(site); else choices.put(site, choice);
            }

            private Set<SiteName> with(LinkChoice choice) {
                Set<SiteName> out = new java.util.HashSet<>();
                choices.forEach((site, c) -> {
                    if (c == choice) out.add(site);
                });
                return Set.copyOf(out);
            }
        };
    }
}
