package org.sipsocial.identity;

import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * What an administrator needs to know about a certificate: whom it names, its key, how long it is valid and
 * its fingerprint. Also decides whether a certificate names a given site (RFC 5922 §7.1: a SubjectAltName URI
 * {@code sip:<site>} or DNS name {@code <site>}, or the subject CN when there are none).
 */
public record CertificateDescription(
        String subject,
        String commonName,
        List<String> subjectAltNames,
        String keyType,
        Instant notBefore,
        Instant notAfter,
        Fingerprint fingerprint) {

    /** GeneralName tags of RFC 5280 §4.2.1.6 as the JDK reports them. */
    private static final int DNS_NAME = 2;
    private static final int URI = 6;

    public static CertificateDescription of(X509Certificate certificate) {
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        RDN[] cns = subject.getRDNs(BCStyle.CN);
        String cn = cns.length == 0 ? "" : IETFUtils.valueToString(cns[0].getFirst().getValue());
        return new CertificateDescription(subject.toString(), cn, subjectAltNames(certificate),
                keyType(certificate), certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(),
                Fingerprint.of(certificate));
    }

    private static List<String> subjectAltNames(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
            if (entries != null) {
                for (List<?> entry : entries) {
                    int tag = (Integer) entry.get(0);
                    String prefix = tag == URI ? "URI:" : tag == DNS_NAME ? "DNS:" : "other:";
                    names.add(prefix + entry.get(1));
                }
            }
        } catch (CertificateParsingException e) {
            names.add("unreadable SubjectAltName");
        }
        return List.copyOf(names);
    }

    private static String keyType(X509Certificate certificate) {
        if (certificate.getPublicKey() instanceof ECPublicKey) {
            int bits = ((ECPublicKey) certificate.getPublicKey()).getParams().getCurve().getField().getFieldSize();
            return bits == 256 ? "ECDSA P-256" : "ECDSA " + bits + "-bit";
        }
        if (certificate.getPublicKey() instanceof RSAPublicKey) {
            return "RSA " + ((RSAPublicKey) certificate.getPublicKey()).getModulus().bitLength() + "-bit";
        }
        return certificate.getPublicKey().getAlgorithm();
    }

    /** Whether this certificate names {@code site} (case-insensitively, as site names compare). */
    public boolean names(SiteName site) {
        boolean any = false;
        for (String name : subjectAltNames) {
            if (name.startsWith("URI:") || name.startsWith("DNS:")) {
                any = true;
                String value = name.substring(4);
                if (value.equalsIgnoreCase(site.sipUri()) || value.equalsIgnoreCase(site.toString())) {
                    return true;
                }
            }
        }
        return !any && commonName.equalsIgnoreCase(site.toString());
    }

    /** Whole years and months of validity, for example "20 years". */
    public String validityPeriod() {
        Period period = Period.between(LocalDate.ofInstant(notBefore, ZoneOffset.UTC),
                LocalDate.ofInstant(notAfter, ZoneOffset.UTC));
        String years = period.getYears() == 1 ? "1 year" : period.getYears() + " years";
        return period.getMonths() == 0 ? years : years + " " + period.getMonths() + " months";
    }

    public boolean isValidAt(Instant when) {
        return !when.isBefore(notBefore) && !when.isAfter(notAfter);
    }
}
