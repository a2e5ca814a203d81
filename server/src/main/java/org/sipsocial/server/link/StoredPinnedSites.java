package org.sipsocial.server.link;

import java.security.cert.X509Certificate;
import java.util.Optional;

import org.sipsocial.identity.Fingerprint;
import org.sipsocial.identity.SiteName;
import org.sipsocial.link.PinnedSites;
import org.sipsocial.link.RemoteSite;
import org.sipsocial.store.RemoteSites;

/**
 * The Network Connection list of the site's store, as links read it: every lookup reads the database, so a site
 * added, removed or moved counts on the next handshake or dial.
 */
public final class StoredPinnedSites implements PinnedSites {
    private final RemoteSites sites;

    public StoredPinnedSites(RemoteSites sites) {
        this.sites = sites;
    }

    @Override
    public Optional<RemoteSite> byName(SiteName name) {
        return sites.find(name).map(StoredPinnedSites::asLinked);
    }

    @Override
    public Optional<RemoteSite> byCertificate(X509Certificate certificate) {
        return sites.pinning(Fingerprint.of(certificate)).map(StoredPinnedSites::asLinked);
    }

    private static RemoteSite asLinked(org.sipsocial.store.RemoteSite site) {
        return new RemoteSite(site.name(), site.address().host(), site.address().port(), site.certificate());
    }
}
