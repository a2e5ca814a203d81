package org.sipsocial.link;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.Objects;
import org.sipsocial.identity.Fingerprint;
import org.sipsocial.identity.SiteName;

/**
 * One entry of the Network Connection list as a link sees it: the remote site's name, where its link port is,
 * and the one certificate imported for it (pinned by its SHA-256 fingerprint).
 */
public record RemoteSite(SiteName name, String host, int port, X509Certificate certificate) {
    public RemoteSite {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(certificate, "certificate");
        if (port < 1 || port > 65_535) throw new IllegalArgumentException("port out of range: " + port);
    }

    public Fingerprint fingerprint() {
        return Fingerprint.of(certificate);
    }

    /** True when {@code presented} is exactly the certificate imported for this site. */
    public boolean pins(X509Certificate presented) {
        return fingerprint().equals(Fingerprint.of(presented));
    }

    /** The link address, unresolved when {@link #host} is a name. */
    public InetSocketAddress address() {
        return new InetSocketAddress(host, port);
    }

    /** {@code host:port} as status lines print it. */
    public String hostPort() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
