package org.sipsocial.admin.console;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.Base64;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.sipsocial.identity.SiteIdentity;

/**
 * The web console over HTTPS on a configured address ({@code console-address} in
 * {@link org.sipsocial.store.SiteSettings#consoleAddress() site.properties}), with the site's own key and
 * self-signed certificate (TLS 1.3 and 1.2): a browser shows the certificate's fingerprint, which the
 * administrator compares with {@code sipsocial cert fingerprint}. The key stays in memory, in a key store with a
 * random password that lives as long as the connector.
 */
public record ConsoleTls(InetSocketAddress address, SiteIdentity identity) {

    /** The HTTPS connector, for Javalin's Jetty. */
    public Connector connector(Server server, HttpConfiguration plain, SecureRandom random) {
        char[] password = new char[32];
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        Base64.getEncoder().encodeToString(bytes).getChars(0, 32, password, 0);
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStore(keyStore(password));
        tls.setKeyStorePassword(new String(password));
        tls.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        HttpConfiguration https = new HttpConfiguration(plain);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // The certificate names the site (theSmiths), not the host the browser typed: no SNI host check.
        secure.setSniHostCheck(false);
        https.addCustomizer(secure);
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(tls, "http/1.1"),
                new HttpConnectionFactory(https));
        connector.setHost(address.getAddress().getHostAddress());
        connector.setPort(address.getPort());
        return connector;
    }

    private KeyStore keyStore(char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("site", identity.privateKey(), password, new Certificate[] {identity.certificate()});
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot hold the site key for the console's HTTPS: " + e.getMessage(), e);
        }
    }
}
