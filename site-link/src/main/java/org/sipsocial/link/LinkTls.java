package org.sipsocial.link;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import org.sipsocial.identity.SiteIdentity;

/**
 * Makes the TLS engine of one link connection: TLS 1.3 only (RFC 8446), our site certificate presented in both
 * roles, the peer judged by a {@link PinnedTrust} of its own, client authentication required when answering.
 *
 * <p>Each connection gets a fresh {@link SSLContext}, so no session is ever resumed: every link handshake
 * judges the certificate against the list as it is at that moment.
 */
final class LinkTls {
    static final String PROTOCOL = "TLSv1.3";

    private final KeyManagerFactory keys;

    LinkTls(SiteIdentity self) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] none = new char[0];
            store.setKeyEntry("site", self.privateKey(), none, new Certificate[] {self.certificate()});
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, none);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalArgumentException("cannot use the site's key and certificate for TLS: " + e, e);
        }
    }

    SSLEngine dialling(PinnedTrust trust, String peerHost, int peerPort) {
        SSLEngine engine = context(trust).createSSLEngine(peerHost, peerPort);
        engine.setUseClientMode(true);
        return restrict(engine);
    }

    SSLEngine answering(PinnedTrust trust) {
        SSLEngine engine = context(trust).createSSLEngine();
        engine.setUseClientMode(false);
        engine.setNeedClientAuth(true);
        return restrict(engine);
    }

    private SSLContext context(PinnedTrust trust) {
        try {
            SSLContext context = SSLContext.getInstance(PROTOCOL);
            context.init(keys.getKeyManagers(), new TrustManager[] {trust}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS 1.3 is not available: " + e, e);
        }
    }

    private static SSLEngine restrict(SSLEngine engine) {
        SSLParameters p = engine.getSSLParameters();
        p.setProtocols(new String[] {PROTOCOL});
        p.setEndpointIdentificationAlgorithm(null);
        engine.setSSLParameters(p);
        if (!engine.getUseClientMode()) engine.setNeedClientAuth(true);
        return engine;
    }
}
