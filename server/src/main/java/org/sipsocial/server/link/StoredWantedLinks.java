package org.sipsocial.server.link;

import java.util.Set;

import org.sipsocial.identity.SiteName;
import org.sipsocial.link.LinkChoice;
import org.sipsocial.link.WantedLinks;
import org.sipsocial.store.RemoteSites;

/**
 * What the administrator chose for each link, kept with each site on the Network Connection list
 * ({@code remote_site.link_wanted}, {@code remote_site.link_disconnected}): a removed site takes it with it.
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
    public Set<SiteName> disconnected() {
        return Set.copyOf(sites.linksDisconnected());
    }

    @Override
    public void choose(SiteName site, LinkChoice choice) {
        sites.setLinkWanted(site, choice == LinkChoice.CONNECT);
        sites.setLinkDisconnected(site, choice == LinkChoice.DISCONNECT);
    }
}
