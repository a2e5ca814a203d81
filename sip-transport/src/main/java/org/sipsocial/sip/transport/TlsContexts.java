package org.sipsocial.sip.transport;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLException;

/**
 * The TLS contexts of a transport, replaceable at run time: each new connection reads the current
 * contexts once, so after {@link #replace} new connections present the new certificate while
 * connections already open keep the one they were made with.
 *
 * <p>TLS 1.3 (RFC 8446) and 1.2 (RFC 5246) only, on the JDK's JSSE. A server context exists per
 * {@link ClientAuth} mode, so listeners with different modes share one set of credentials.
 *
 * <p>The peer is judged by the given trust manager alone: a connection we open does not match the
 * server's certificate against the address dialled (no HTTPS-style host name check), because sites
 * are reached by IP address and trusted by pinned certificate; checking the identity the
 * certificate names against the expected domain (RFC 5922 §7.3) is for the layer above, which sees
 * the chain in {@link Connection#peerCertificates()}, or for the trust manager.
 */
public final class TlsContexts {
    /** The protocol versions offered and accepted; older ones are refused. */
    public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private volatile Snapshot current;

    public TlsContexts(TlsCredentials credentials) {
        this.current = Snapshot.of(credentials);
    }

    /**
     * Replaces the credentials for connections opened from now on.
     *
     * @throws IllegalArgumentException when a context cannot be built from them (the old ones stay in force)
     */
    public void replace(TlsCredentials credentials) {
        this.current = Snapshot.of(credentials);
    }

    public TlsCredentials credentials() {
        return current.credentials;
    }

    SslContext server(ClientAuth clientAuth) {
        return current.servers.get(clientAuth);
    }

    SslContext client() {
        return current.client;
    }

    private static final class Snapshot {
        final TlsCredentials credentials;
        final Map<ClientAuth, SslContext> servers;
        final SslContext client;

        private Snapshot(TlsCredentials credentials, Map<ClientAuth, SslContext> servers, SslContext client) {
            this.credentials = credentials;
            this.servers = servers;
            this.client = client;
        }

        static Snapshot of(TlsCredentials c) {
            Objects.requireNonNull(c, "credentials");
            X509Certificate[] chain = c.certificateChain().toArray(new X509Certificate[0]);
            requireMatchingKey(c.privateKey(), chain[0]);
            try {
                Map<ClientAuth, SslContext> servers = new EnumMap<>(ClientAuth.class);
                for (ClientAuth mode : ClientAuth.values()) {
                    servers.put(mode, SslContextBuilder.forServer(c.privateKey(), chain)
                            .sslProvider(SslProvider.JDK)
                            .protocols(PROTOCOLS)
                            .trustManager(c.trustManager())
                            .clientAuth(nettyMode(mode))
                            .build());
                }
                SslContext client = SslContextBuilder.forClient()
                        .sslProvider(SslProvider.JDK)
                        .protocols(PROTOCOLS)
                        .keyManager(c.privateKey(), chain)
                        .trustManager(c.trustManager())
                        .endpointIdentificationAlgorithm(null)
                        .build();
                return new Snapshot(c, servers, client);
            } catch (SSLException | RuntimeException e) {
                throw new IllegalArgumentException("cannot build a TLS context from these credentials: " + e, e);
            }
        }

        /** Refuses a private key that is not the leaf certificate's: every handshake would fail with it. */
        private static void requireMatchingKey(PrivateKey key, X509Certificate leaf) {
            String algorithm = key.getAlgorithm();
            String signature = algorithm.equals("EC") ? "SHA256withECDSA"
                    : algorithm.equals("RSA") ? "SHA256withRSA" : algorithm;
            byte[] probe = "sipsocial key check".getBytes(StandardCharsets.US_ASCII);
            try {
                Signature signer = Signature.getInstance(signature);
                signer.initSign(key);
                signer.update(probe);
                byte[] signed = signer.sign();
                Signature verifier = Signature.getInstance(signature);
                verifier.initVerify(leaf.getPublicKey());
                verifier.update(probe);
                if (!verifier.verify(signed)) {
                    throw new IllegalArgumentException("the private key does not belong to the certificate "
                            + leaf.getSubjectX500Principal());
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("cannot check the private key against the certificate: " + e, e);
            }
        }

        private static io.netty.handler.ssl.ClientAuth nettyMode(ClientAuth mode) {
            switch (mode) {
                case OPTIONAL:
                    return io.netty.handler.ssl.ClientAuth.OPTIONAL;
                case REQUIRE:
                    return io.netty.handler.ssl.ClientAuth.REQUIRE;
                default:
                    return io.netty.handler.ssl.ClientAuth.NONE;
            }
        }
    }
}
