package org.sipsocial.link;

import java.util.Set;
import org.sipsocial.identity.SiteName;

/**
 * Which links the administrator wants up (Connect pressed and not Disconnect since). Kept across restarts so
 * that a site that restarts reconnects the links that were connected and leaves the others alone.
 */
public interface WantedLinks {
    Set<SiteName> wanted();

    void want(SiteName site, boolean connected);

    /** An in-memory set; a test "restarts" a site by handing the same one to a new {@link SiteLinks}. */
    static WantedLinks inMemory() {
        Set<SiteName> set = java.util.concurrent.ConcurrentHashMap.newKeySet();
        return new WantedLinks() {
            @Override
            public Set<SiteName> wanted() {
                return Set.copyOf(set);
            }

            @Override
            public void want(SiteName site, boolean connected) {
                if (connected) set.add(site); else set.remove(site);
            }
        };
    }
}
