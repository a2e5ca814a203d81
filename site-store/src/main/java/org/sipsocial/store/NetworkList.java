package org.sipsocial.store;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.sipsocial.identity.CertificateDescription;
import org.sipsocial.identity.Fingerprint;
import org.sipsocial.identity.SiteIdentity;
import org.sipsocial.identity.SiteName;

/**
 * The Network Connection list and its rules: the sites this site trusts, each pinned to one certificate that
 * names it, is valid now, was confirmed by its fingerprint, is not this site's own and is pinned for no other
 * name. Each change is stored ({@link RemoteSites}), mirrored to {@code lib/certificates/}
 * ({@link RemoteCertificateFiles}) and then told to the {@link NetworkListChanges listener}.
 */
public final class NetworkList {
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final SiteIdentity own;
    private final RemoteSites sites;
    private final RemoteCertificateFiles files;
    private final Clock clock;
    private final NetworkListChanges changes;
    private final LinkStatuses statuses;

    public NetworkList(SiteIdentity own, RemoteSites sites, RemoteCertificateFiles files, Clock clock,
            NetworkListChanges changes, LinkStatuses statuses) {
        this.own = own;
        this.sites = sites;
        this.files = files;
        this.clock = clock;
        this.changes = changes;
        this.statuses = statuses;
    }

    /**
     * Adds {@code name} at {@code address}, pinned to {@code certificate}, whose fingerprint the administrator
     * confirmed as {@code confirmed} (what the other administrator read out).
     */
    public RemoteSite add(SiteName name, SiteAddress address, X509Certificate certificate, Fingerprint confirmed) {
        Instant now = clock.instant();
        checkNotOwn(name, certificate);
        checkCertificate(name, certificate, now);
        Fingerprint actual = Fingerprint.of(certificate);
        if (!actual.equals(confirmed)) {
            throw new StoreException(StoreFailure.FINGERPRINT_MISMATCH, "the certificate's fingerprint does not match "
                    + "the one given, so " + name + " was not added: certificate " + actual.colonHex() + ", given "
                    + confirmed.colonHex());
        }
        sites.find(name).ifPresent(existing -> {
            throw new StoreException(StoreFailure.SITE_EXISTS, existing.name()
                    + " is already on the Network Connection list (site names are compared ignoring case)");
        });
        sites.pinning(actual).ifPresent(other -> {
            throw new StoreException(StoreFailure.CERTIFICATE_PINNED, "this certificate is already pinned for "
                    + other.name() + "; a certificate is trusted for one site name only");
        });
        RemoteSite site = new RemoteSite(name, address, certificate, now.truncatedTo(ChronoUnit.MILLIS));
        sites.add(site);
        try {
            files.write(site);
        } catch (StoreException e) {
            sites.remove(name);
            throw e;
        }
        changes.onSiteAdded(site);
        return site;
    }

    public List<ListedSite> list() {
        return sites.list().stream().map(this::listed).toList();
    }

    public ListedSite show(SiteName name) {
        return listed(existing(name));
    }

    /** Removes the site and forgets its certificate, in the database and in the folder; its link goes at once. */
    public void remove(SiteName name) {
        if (!sites.remove(name)) {
            throw noSuchSite(name);
        }
        try {
            files.delete(name);
        } finally {
            changes.onSiteRemoved(name);
        }
    }

    public RemoteSite setAddress(SiteName name, SiteAddress address) {
        if (!sites.setAddress(name, address)) {
            throw noSuchSite(name);
        }
        RemoteSite moved = existing(name);
        changes.onAddressChanged(moved);
        return moved;
    }

    private void checkNotOwn(SiteName name, X509Certificate certificate) {
        if (name.equals(own.site())) {
            throw new StoreException(StoreFailure.OWN_SITE, name + " is this site's own name; the Network Connection "
                    + "list holds other sites");
        }
        if (Fingerprint.of(certificate).equals(own.fingerprint())) {
            throw new StoreException(StoreFailure.OWN_SITE, "this is this site's own certificate; add the certificate "
                    + "the administrator of " + name + " sent (sipsocial cert export on that site)");
        }
    }

    private static void checkCertificate(SiteName name, X509Certificate certificate, Instant now) {
        CertificateDescription description = CertificateDescription.of(certificate);
        if (!description.names(name)) {
            String names = description.subjectAltNames().isEmpty() ? "subject " + description.subject()
                    : "subject " + description.subject() + ", SubjectAltNames " + String.join(", ", description.subjectAltNames());
            throw new StoreException(StoreFailure.BAD_CERTIFICATE, "the certificate does not name " + name + " ("
                    + names + "); it is not the certificate of that site");
        }
        if (now.isAfter(description.notAfter())) {
            throw new StoreException(StoreFailure.BAD_CERTIFICATE, "the certificate of " + name + " expired on "
                    + WHEN.format(description.notAfter()) + " (notAfter); ask its administrator for a current one");
        }
        if (now.isBefore(description.notBefore())) {
            throw new StoreException(StoreFailure.BAD_CERTIFICATE, "the certificate of " + name + " is not valid before "
                    + WHEN.format(description.notBefore()) + " (notBefore); check the clocks of both sites");
        }
    }

    private RemoteSite existing(SiteName name) {
        return sites.find(name).orElseThrow(() -> noSuchSite(name));
    }

    private ListedSite listed(RemoteSite site) {
        return new ListedSite(site, Optional.ofNullable(statuses.statusOf(site.name())).orElse(LinkStatus.DISCONNECTED));
    }

    private static StoreException noSuchSite(SiteName name) {
        return new StoreException(StoreFailure.NO_SUCH_SITE, "no site " + name + " on the Network Connection list");
    }
}
