package org.sipsocial.identity;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** A site's own private key and the self-signed certificate that carries its public key and name. */
public record SiteIdentity(SiteName site, PrivateKey privateKey, X509Certificate certificate) {

    public Fingerprint fingerprint() {
        return Fingerprint.of(certificate);
    }
}
