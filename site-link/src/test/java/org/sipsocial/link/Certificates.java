package org.sipsocial.link;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import org.sipsocial.identity.SelfSignedCertificateIssuer;
import org.sipsocial.identity.SiteIdentity;
import org.sipsocial.identity.SiteName;

/** Real site identities for tests: key pairs and self-signed certificates as sites make them. */
final class Certificates {
    private static final SelfSignedCertificateIssuer ISSUER =
            new SelfSignedCertificateIssuer(Clock.systemUTC(), new SecureRandom());

    private Certificates() {
    }

    static SiteIdentity site(String name) {
        return ISSUER.issue(SiteName.of(name));
    }

    /** A certificate valid only from {@code notBefore} to {@code notAfter}. */
    static SiteIdentity site(String name, String notBefore, String notAfter) {
        return ISSUER.issue(SiteName.of(name), Instant.parse(notBefore), Instant.parse(notAfter));
    }
}
