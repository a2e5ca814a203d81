package org.sipsocial.it;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.X509TrustManager;

/** Trusts exactly one certificate, as a site link pins its peer's: nothing else, no authority. */
final class PinnedCertificate implements X509TrustManager {
    private final X509Certificate pinned;

    PinnedCertificate(X509Certificate pinned) {
        this.pinned = pinned;
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0 || !chain[0].equals(pinned)) {
            throw new CertificateException("not the pinned certificate");
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[] {pinned};
    }
}
