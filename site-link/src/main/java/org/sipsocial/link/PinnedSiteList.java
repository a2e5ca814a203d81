package org.sipsocial.link;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.sipsocial.identity.Fingerprint;
import org.sipsocial.identity.SiteName;

/** An in-memory Network Connection list, for tests and for a site whose store is not wired yet. */
public final class PinnedSiteList implements PinnedSites {
    private final Map<SiteName, RemoteSite> sites = new ConcurrentHashMap<>();

    public PinnedSiteList add(RemoteSite site) {
        sites.put(site.name(), site);
        return this;
    }

    public void remove(SiteName name) {
        sites.remove(name);
    }

    public List<RemoteSite> all() {
        return List.copyOf(sites.values());
    }

    @Override
    public Optional<RemoteSite> byName(SiteName name) {
        return Optional.ofNullable(sites.get(name));
    }

    @Override
    public Optional<RemoteSite> byCertificate(X509Certificate certificate) {
        Fingerprint wanted = Fingerprint.of(certificate);
        return sites.values().stream().filter(s -> s.fingerprint().equals(wanted)).findFirst();
    }
}
