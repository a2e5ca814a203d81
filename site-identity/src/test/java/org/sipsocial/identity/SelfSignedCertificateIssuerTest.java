package org.sipsocial.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class SelfSignedCertificateIssuerTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private final SelfSignedCertificateIssuer issuer =
            new SelfSignedCertificateIssuer(Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom());

    @Test
    void the_certificate_names_the_site_in_its_cn_and_as_sip_uri_and_dns_name() {
        SiteIdentity identity = issuer.issue(SiteName.of("theSmiths"));
        CertificateDescription description = CertificateDescription.of(identity.certificate());
        assertThat(description.commonName()).isEqualTo("theSmiths");
        assertThat(description.subject()).isEqualTo("CN=theSmiths");
        assertThat(description.subjectAltNames()).containsExactlyInAnyOrder("URI:sip:theSmiths", "DNS:theSmiths");
        assertThat(description.names(SiteName.of("THESMITHS"))).isTrue();
        assertThat(description.names(SiteName.of("theJoneses"))).isFalse();
    }

    @Test
    void the_key_is_ecdsa_p256_and_the_certificate_is_self_signed_and_verifies() throws Exception {
        SiteIdentity identity = issuer.issue(SiteName.of("theSmiths"));
        X509Certificate certificate = identity.certificate();
        assertThat(identity.privateKey()).isInstanceOf(ECPrivateKey.class);
        assertThat(CertificateDescription.of(certificate).keyType()).isEqualTo("ECDSA P-256");
        assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(certificate.getIssuerX500Principal()).isEqualTo(certificate.getSubjectX500Principal());
        certificate.verify(certificate.getPublicKey());
    }

    @Test
    void the_certificate_serves_both_ends_of_a_link_and_is_no_authority() throws Exception {
        X509Certificate certificate = issuer.issue(SiteName.of("theSmiths")).certificate();
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(certificate.getExtendedKeyUsage()).containsExactlyInAnyOrder("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(certificate.getKeyUsage()[0]).as("digitalSignature").isTrue();
    }

    @Test
    void the_certificate_lasts_twenty_years_from_an_hour_before_now() {
        CertificateDescription description =
                CertificateDescription.of(issuer.issue(SiteName.of("theSmiths")).certificate());
        assertThat(description.notBefore()).isEqualTo(NOW.minus(Duration.ofHours(1)));
        assertThat(description.notAfter()).isEqualTo(Instant.parse("2046-11-30T12:00:00Z"));
        assertThat(description.validityPeriod()).isEqualTo("20 years");
        assertThat(description.isValidAt(NOW)).isTrue();
        assertThat(description.isValidAt(Instant.parse("2047-01-01T00:00:00Z"))).isFalse();
    }

    @Test
    void two_issues_give_two_different_keys() {
        SiteIdentity first = issuer.issue(SiteName.of("theSmiths"));
        SiteIdentity second = issuer.issue(SiteName.of("theSmiths"));
        assertThat(first.fingerprint()).isNotEqualTo(second.fingerprint());
        assertThat(first.certificate().getSerialNumber()).isNotEqualTo(second.certificate().getSerialNumber());
    }
}
