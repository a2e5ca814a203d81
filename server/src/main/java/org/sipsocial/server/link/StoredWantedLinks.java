package org.sipsocial.server.link;

import java.util.Set;

import org.sipsocial.identity.SiteName;
import org.sipsocial.link.WantedLinks;
import org.sipsocial.store.RemoteSites;

/**
 * Which links the administrator wants up, kept with each site on the Network Connection list
 * ({@code remote_site.link_wanted}): a removed site takes its wish with it.
 */
public final class StoredWantedLinks implements WantedLinks {
    private final RemoteSites sites;

    public StoredWantedLinks(RemoteSites sites) {
        this.sites = sites;
    }

    @Override
    public Set<SiteName> wanted() {
        return Set.copyOf(sites.linksWanted());
    }

    @Override
    public void want(SiteName site, boolean connected) {
        sites.setLinkWanted(site, connected);
    }
}
