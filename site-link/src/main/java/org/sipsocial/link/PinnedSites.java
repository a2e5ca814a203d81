package org.sipsocial.link;

import java.security.cert.X509Certificate;
import java.util.Optional;
import org.sipsocial.identity.SiteName;

/**
 * The port through which links read the Network Connection list: the sites whose certificates this site has
 * imported. The store adapts to it; {@link PinnedSiteList} is the in-memory form. Every lookup reads the list
 * as it is now, so a certificate added or removed takes effect on the next handshake.
 */
public interface PinnedSites {
    Optional<RemoteSite> byName(SiteName name);

    /** The site whose imported certificate is exactly {@code certificate} (same SHA-256 fingerprint). */
    Optional<RemoteSite> byCertificate(X509Certificate certificate);
}
