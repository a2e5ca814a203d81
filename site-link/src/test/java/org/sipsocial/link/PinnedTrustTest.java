package org.sipsocial.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.sipsocial.identity.SiteIdentity;
import org.sipsocial.identity.SiteName;

class PinnedTrustTest {
    private static final Instant NOW = Instant.now();
    private static final SiteIdentity SMITHS = Certificates.site("theSmiths");
    private static final SiteIdentity JONESES = Certificates.site("theJoneses");
    private static final SiteIdentity IMPOSTOR = Certificates.site("theSmiths");
    private static final SiteIdentity EXPIRED =
            Certificates.site("theOldies", "2020-01-01T00:00:00Z", "2025-06-30T00:00:00Z");

    private final PinnedSiteList list = new PinnedSiteList()
            .add(new RemoteSite(SMITHS.site(), "192.0.2.10", 5070, SMITHS.certificate()))
            .add(new RemoteSite(EXPIRED.site(), "192.0.2.11", 5070, EXPIRED.certificate()));

    @Test
    void aDialledSitePresentingItsImportedCertificateIsAccepted() {
        TrustVerdict v = PinnedTrust.judgeDialled(list, SiteName.of("thesmiths"), "192.0.2.10:5070",
                SMITHS.certificate(), NOW);
        assertThat(v.isAccepted()).isTrue();
        assertThat(v.site().name()).isEqualTo(SMITHS.site());
    }

    @Test
    void aDialledSitePresentingAnotherCertificateWithTheSameNameIsRefusedAsNotTheImportedOne() {
        TrustVerdict v = PinnedTrust.judgeDialled(list, SMITHS.site(), "192.0.2.10:5070", IMPOSTOR.certificate(), NOW);
        assertThat(v.error().line()).isEqualTo("refused: the certificate presented is not the one imported for theSmiths");
    }

    @Test
    void aDialledSitePresentingTheCertificateOfAnotherListedSiteIsRefused() {
        TrustVerdict v = PinnedTrust.judgeDialled(list, SMITHS.site(), "192.0.2.10:5070", EXPIRED.certificate(), NOW);
        assertThat(v.error().failure()).isEqualTo(LinkFailure.NOT_THE_IMPORTED_CERTIFICATE);
    }

    @Test
    void aDialledSiteWhoseImportedCertificateExpiredIsRefusedWithTheExpiryDate() {
        TrustVerdict v = PinnedTrust.judgeDialled(list, EXPIRED.site(), "192.0.2.11:5070", EXPIRED.certificate(), NOW);
        assertThat(v.error().line()).isEqualTo("refused: the certificate of theOldies expired on 2025-06-30");
    }

    @Test
    void aDialledSiteThatIsNotOnTheListIsRefused() {
        TrustVerdict v = PinnedTrust.judgeDialled(list, JONESES.site(), "192.0.2.12:5070", JONESES.certificate(), NOW);
        assertThat(v.error().line()).isEqualTo("refused: theJoneses is not on the Network Connection list");
    }

    @Test
    void aCallerIsTheSiteWhoseImportedCertificateItPresents() {
        TrustVerdict v = PinnedTrust.judgeCaller(list, "198.51.100.7:40000", SMITHS.certificate(), NOW);
        assertThat(v.site().name()).isEqualTo(SMITHS.site());
    }

    @Test
    void aCallerPresentingACertificateOnNoEntryOfTheListIsRefused() {
        TrustVerdict v = PinnedTrust.judgeCaller(list, "198.51.100.7:40000", JONESES.certificate(), NOW);
        assertThat(v.error().line())
                .isEqualTo("refused: 198.51.100.7:40000 presented a certificate that is not on the Network Connection list");
    }

    @Test
    void aCallerWithASelfMadeCertificateClaimingToBeAListedSiteIsRefused() {
        TrustVerdict v = PinnedTrust.judgeCaller(list, "198.51.100.7:40000", IMPOSTOR.certificate(), NOW);
        assertThat(v.error().failure()).isEqualTo(LinkFailure.UNKNOWN_CERTIFICATE);
    }

    @Test
    void aCallerPresentingAnExpiredImportedCertificateIsRefusedWithTheExpiryDate() {
        TrustVerdict v = PinnedTrust.judgeCaller(list, "198.51.100.7:40000", EXPIRED.certificate(), NOW);
        assertThat(v.error().line()).isEqualTo("refused: the certificate of theOldies expired on 2025-06-30");
    }

    @Test
    void aCallerPresentingNoCertificateIsRefused() {
        TrustVerdict v = PinnedTrust.judgeCaller(list, "198.51.100.7:40000", null, NOW);
        assertThat(v.error().line()).isEqualTo("refused: 198.51.100.7:40000 presented no certificate");
    }

    @Test
    void theTrustManagerThrowsOnARefusalAndRemembersWhy() {
        PinnedTrust trust = PinnedTrust.dialling(list, SMITHS.site(), "192.0.2.10:5070", Clock.fixed(NOW, ZoneOffset.UTC));
        assertThatThrownBy(() -> trust.checkServerTrusted(new X509Certificate[] {IMPOSTOR.certificate()}, "EC"))
                .isInstanceOf(CertificateException.class)
                .hasMessage("refused: the certificate presented is not the one imported for theSmiths");
        assertThat(trust.verdict().error().failure()).isEqualTo(LinkFailure.NOT_THE_IMPORTED_CERTIFICATE);
    }

    @Test
    void anAnsweringTrustManagerNeverAcceptsAServerAndLetsTheClientsCertificateNameTheCaller() throws Exception {
        PinnedTrust answering = PinnedTrust.answering(list, "b", Clock.fixed(NOW, ZoneOffset.UTC));
        X509Certificate[] chain = {SMITHS.certificate()};
        assertThatThrownBy(() -> answering.checkServerTrusted(chain, "EC")).isInstanceOf(CertificateException.class);
        answering.checkClientTrusted(chain, "EC");
        assertThat(answering.verdict().site().name()).isEqualTo(SMITHS.site());
    }

    @Test
    void whenDialsCrossTheDiallingTrustManagerAcceptsAsItsClientOnlyTheSiteItDialled() throws Exception {
        PinnedTrust dialling = PinnedTrust.dialling(list, SMITHS.site(), "192.0.2.10:5070", Clock.fixed(NOW, ZoneOffset.UTC));
        dialling.checkClientTrusted(new X509Certificate[] {SMITHS.certificate()}, "EC");
        assertThat(dialling.verdict().site().name()).isEqualTo(SMITHS.site());

        PinnedTrust other = PinnedTrust.dialling(list, SMITHS.site(), "192.0.2.10:5070", Clock.fixed(NOW, ZoneOffset.UTC));
        assertThatThrownBy(() -> other.checkClientTrusted(new X509Certificate[] {EXPIRED.certificate()}, "EC"))
                .hasMessage("refused: the certificate presented is not the one imported for theSmiths");
        PinnedTrust none = PinnedTrust.dialling(list, SMITHS.site(), "192.0.2.10:5070", Clock.fixed(NOW, ZoneOffset.UTC));
        assertThatThrownBy(() -> none.checkClientTrusted(new X509Certificate[0], "EC"))
                .hasMessage("refused: 192.0.2.10:5070 presented no certificate");
    }

    @Test
    void thePinnedListAddsNothingToTheAcceptedIssuers() {
        assertThat(PinnedTrust.answering(list, "b", Clock.systemUTC()).getAcceptedIssuers()).isEmpty();
    }
}
