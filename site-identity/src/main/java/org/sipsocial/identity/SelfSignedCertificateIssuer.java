package org.sipsocial.identity;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes a site's key pair (ECDSA P-256) and self-signed X.509 certificate.
 *
 * <p>The certificate names the site as RFC 5922 §7.1 asks: subject CN is the site name, and the SubjectAltName
 * holds the URI {@code sip:<site>} and the DNS name {@code <site>}. It serves both ends of a site link
 * (extended key usage serverAuth and clientAuth) and is not a CA. There is no authority: the other site pins
 * this exact certificate by its SHA-256 fingerprint.
 */
public final class SelfSignedCertificateIssuer {
    /** How long a site's certificate lasts: a site is meant to run for years without re-keying. */
    public static final Period VALIDITY = Period.ofYears(20);
    /** Back-dating of notBefore, so that a peer whose clock runs slightly behind accepts a new certificate. */
    public static final Duration CLOCK_SKEW = Duration.ofHours(1);
    public static final String CURVE = "secp256r1";
    public static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

    private final Clock clock;
    private final SecureRandom random;

    public SelfSignedCertificateIssuer(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    public SiteIdentity issue(SiteName site) {
        Instant now = clock.instant();
        return issue(site, now.minus(CLOCK_SKEW), now.atOffset(ZoneOffset.UTC).plus(VALIDITY).toInstant());
    }

    /** Issues a certificate valid from {@code notBefore} to {@code notAfter}; tests use it for expired ones. */
    public SiteIdentity issue(SiteName site, Instant notBefore, Instant notAfter) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(CURVE), random);
            KeyPair keys = generator.generateKeyPair();
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, site.toString()).build();
            BigInteger serial = new BigInteger(127, random).setBit(126);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial,
                    Date.from(notBefore), Date.from(notAfter), subject, keys.getPublic());
            addExtensions(builder, site, keys);
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(keys.getPrivate())));
            return new SiteIdentity(site, keys.getPrivate(), certificate);
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IdentityException(IdentityFailure.PLATFORM, "cannot make the site's key pair and certificate", e);
        }
    }

    private static void addExtensions(X509v3CertificateBuilder builder, SiteName site, KeyPair keys)
            throws CertIOException, GeneralSecurityException {
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.uniformResourceIdentifier, site.sipUri()),
                new GeneralName(GeneralName.dNSName, site.toString())}));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.extendedKeyUsage, false,
                new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
        builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
    }
}
