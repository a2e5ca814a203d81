package org.sipsocial.server.sip;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.X509TrustManager;

/**
 * The trust of the phone-facing TLS listener: phones connect to the site and need no certificate, and the site
 * never opens a TLS connection to a phone (it answers on the one the phone keeps open), so no certificate is
 * ever trusted here. Site links have their own pinned trust.
 */
final class PhonesAreNotDialledOverTls implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("phones do not present certificates to this listener");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the site does not open TLS connections to phones");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
