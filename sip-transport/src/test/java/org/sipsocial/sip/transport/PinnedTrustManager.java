package org.sipsocial.sip.transport;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.X509TrustManager;

/** Trusts a peer whose leaf certificate is exactly one of the pinned ones (as site links will). */
final class PinnedTrustManager implements X509TrustManager {
    private final List<X509Certificate> pinned;

    PinnedTrustManager(X509Certificate... pinned) {
        this.pinned = List.of(pinned);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0 || !pinned.contains(chain[0])) {
            throw new CertificateException("certificate not pinned: "
                    + (chain == null || chain.length == 0 ? "none" : chain[0].getSubjectX500Principal()));
        }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return pinned.toArray(new X509Certificate[0]);
    }

    @Override
    public String toString() {
        return "pinned " + Arrays.toString(pinned.stream().map(c -> c.getSubjectX500Principal().getName()).toArray());
    }
}
