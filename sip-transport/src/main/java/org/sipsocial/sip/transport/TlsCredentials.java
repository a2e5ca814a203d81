package org.sipsocial.sip.transport;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.X509TrustManager;

/**
 * What a TLS endpoint presents and whom it trusts (RFC 5922 §7): the private key and the
 * certificate chain sent to the peer (leaf first), and the trust manager that judges the peer's
 * chain. There is deliberately no "trust everything" default (design principle 8): site links pass
 * a manager that pins the remote sites' certificates.
 */
public record TlsCredentials(PrivateKey privateKey, List<X509Certificate> certificateChain,
                             X509TrustManager trustManager) {
    public TlsCredentials {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(trustManager, "trustManager");
        certificateChain = List.copyOf(certificateChain);
        if (certificateChain.isEmpty()) throw new IllegalArgumentException("certificateChain is empty");
    }
}
