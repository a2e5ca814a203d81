package org.sipsocial.store;

import java.security.cert.X509Certificate;
import java.time.Instant;

import org.sipsocial.identity.Fingerprint;
import org.sipsocial.identity.SiteName;

/**
 * A site on the Network Connection list: its name as the administrator gave it, where it takes links, and the
 * one certificate pinned for it (trusted for this name only).
 */
public record RemoteSite(SiteName name, SiteAddress address, X509Certificate certificate, Instant addedAt) {

    public Fingerprint fingerprint() {
        return Fingerprint.of(certificate);
    }
}
