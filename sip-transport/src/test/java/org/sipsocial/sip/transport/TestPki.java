package org.sipsocial.sip.transport;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import org.sipsocial.identity.SelfSignedCertificateIssuer;
import org.sipsocial.identity.SiteIdentity;
import org.sipsocial.identity.SiteName;

/** Self-signed site certificates for TLS tests, and credentials that pin each other. */
final class TestPki {
    private static final SelfSignedCertificateIssuer ISSUER =
            new SelfSignedCertificateIssuer(Clock.systemUTC(), new SecureRandom());

    private TestPki() {
    }

    static SiteIdentity site(String name) {
        return ISSUER.issue(SiteName.of(name));
    }

    /** Credentials presenting {@code own} and trusting exactly the {@code trusted} certificates. */
    static TlsCredentials credentials(SiteIdentity own, SiteIdentity... trusted) {
        X509Certificate[] pins = new X509Certificate[trusted.length];
        for (int i = 0; i < trusted.length; i++) pins[i] = trusted[i].certificate();
        return new TlsCredentials(own.privateKey(), List.of(own.certificate()), new PinnedTrustManager(pins));
    }
}
