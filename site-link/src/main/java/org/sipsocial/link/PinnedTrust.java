package org.sipsocial.link;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.sipsocial.identity.SiteName;

/**
 * The trust decision of one link handshake (DESIGN principle 8: pinned, SHA-256, never off). There is no CA:
 * a certificate is trusted when it is, byte for byte (by SHA-256 fingerprint), the one imported for a site.
 *
 * <ul>
 * <li>Dialling site S, the server must present exactly the certificate imported for S, valid now.</li>
 * <li>Answering, the client must present a certificate (client authentication is required) that is exactly
 *     the one imported for some site on the list, valid now; that certificate decides which site is calling.</li>
 * <li>Dialling site S, when our dial crossed S's dial and we answer the handshake ({@link SimultaneousOpen}),
 *     the client must present exactly the certificate imported for S.</li>
 * </ul>
 *
 * One instance serves one connection: it remembers its verdict, so that the link can tell why a handshake failed.
 * The list is read at handshake time, so a certificate added or removed applies to the next handshake.
 */
final class PinnedTrust extends X509ExtendedTrustManager {
    private final PinnedSites sites;
    private final SiteName dialled;
    private final String address;
    private final Clock clock;
    private volatile TrustVerdict verdict;

    private PinnedTrust(PinnedSites sites, SiteName dialled, String address, Clock clock) {
        this.sites = Objects.requireNonNull(sites, "sites");
        this.dialled = dialled;
        this.address = address;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** For a connection we open to {@code site}, at {@code address}. */
    static PinnedTrust dialling(PinnedSites sites, SiteName site, String address, Clock clock) {
        return new PinnedTrust(sites, Objects.requireNonNull(site, "site"), address, clock);
    }

    /** For a connection a caller at {@code address} opened to our link port. */
    static PinnedTrust answering(PinnedSites sites, String address, Clock clock) {
        return new PinnedTrust(sites, null, address, clock);
    }

    /** The verdict of the handshake, or {@code null} before the peer's certificate was seen. */
    TrustVerdict verdict() {
        return verdict;
    }

    /** Judges the certificate the site we dialled presented. */
    static TrustVerdict judgeDialled(PinnedSites sites, SiteName dialled, String address,
                                     X509Certificate presented, Instant now) {
        RemoteSite pinned = sites.byName(dialled).orElse(null);
        if (pinned == null) {
            return TrustVerdict.refused(new LinkError(LinkFailure.NOT_ON_LIST, dialled.toString(), address, null));
        }
        if (!pinned.pins(presented)) {
            return TrustVerdict.refused(new LinkError(LinkFailure.NOT_THE_IMPORTED_CERTIFICATE,
                    pinned.name().toString(), address, null));
        }
        return validity(pinned, address, presented, now);
    }

    /** Judges the certificate a caller presented: it alone says which site is calling. */
    static TrustVerdict judgeCaller(PinnedSites sites, String address, X509Certificate presented, Instant now) {
        if (presented == null) {
            return TrustVerdict.refused(new LinkError(LinkFailure.NO_CERTIFICATE, "", address, null));
        }
        RemoteSite pinned = sites.byCertificate(presented).orElse(null);
        if (pinned == null) {
            return TrustVerdict.refused(new LinkError(LinkFailure.UNKNOWN_CERTIFICATE, "", address, null));
        }
        return validity(pinned, address, presented, now);
    }

    private static TrustVerdict validity(RemoteSite pinned, String address, X509Certificate presented, Instant now) {
        Instant notAfter = presented.getNotAfter().toInstant();
        Instant notBefore = presented.getNotBefore().toInstant();
        if (now.isAfter(notAfter)) {
            return TrustVerdict.refused(new LinkError(LinkFailure.CERTIFICATE_EXPIRED,
                    pinned.name().toString(), address, notAfter));
        }
        if (now.isBefore(notBefore)) {
            return TrustVerdict.refused(new LinkError(LinkFailure.CERTIFICATE_NOT_YET_VALID,
                    pinned.name().toString(), address, notBefore));
        }
        return TrustVerdict.accepted(pinned);
    }

    private void decide(TrustVerdict v) throws CertificateException {
        verdict = v;
        if (!v.isAccepted()) throw new CertificateException(v.error().line());
    }

    private static X509Certificate leaf(X509Certificate[] chain) {
        return chain == null || chain.length == 0 ? null : chain[0];
    }

    /**
     * Judges a client: on an answered connection it says which site is calling; on a dial that crossed the other
     * site's dial ({@link SimultaneousOpen}) we are the server, and the client must be the site we dialled.
     */
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (dialled != null) {
            judgeTheDialled(leaf(chain));
        } else {
            decide(judgeCaller(sites, address, leaf(chain), clock.instant()));
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (dialled == null) throw new CertificateException("an answering link does not judge servers");
        judgeTheDialled(leaf(chain));
    }

    private void judgeTheDialled(X509Certificate presented) throws CertificateException {
        if (presented == null) {
            decide(TrustVerdict.refused(new LinkError(LinkFailure.NO_CERTIFICATE, dialled.toString(), address, null)));
        }
        decide(judgeDialled(sites, dialled, address, presented, clock.instant()));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    /** No CA is named: the certificate request carries no authorities, and every site sends its own certificate. */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
