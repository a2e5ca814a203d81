package org.sipsocial.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipsocial.identity.Fingerprint;
import org.sipsocial.identity.PemCertificates;
import org.sipsocial.identity.SelfSignedCertificateIssuer;
import org.sipsocial.identity.SiteName;

/** The Network Connection list through the site's administration, over a real store. */
class NetworkListTest {
    private static final SiteName JONESES = SiteName.of("theJoneses");
    private static final SiteAddress ADDRESS = SiteAddress.parse("203.0.113.7");
    private static final SelfSignedCertificateIssuer ISSUER = new SelfSignedCertificateIssuer(Clock.systemUTC(), new SecureRandom());

    @TempDir
    Path temp;
    private SiteStore store;
    private SiteAdministration administration;
    private final List<String> heard = new ArrayList<>();

    @BeforeEach
    void open() {
        store = TestSites.open(TestSites.create(temp.resolve("smiths"), "theSmiths"));
        NetworkListChanges listener = new NetworkListChanges() {
            @Override
            public void onSiteAdded(RemoteSite site) {
                heard.add("added " + site.name() + " at " + site.address());
            }

            @Override
            public void onSiteRemoved(SiteName site) {
                heard.add("removed " + site);
            }

            @Override
            public void onAddressChanged(RemoteSite site) {
                heard.add("moved " + site.name() + " to " + site.address());
            }
        };
        LinkStatuses statuses = site -> site.equals(JONESES) ? new LinkStatus("connected") : null;
        administration = new StoreAdministration(store, new SecureRandom(), listener, statuses);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static X509Certificate certificateOf(String site) {
        return ISSUER.issue(SiteName.of(site)).certificate();
    }

    private RemoteSite add(String name, X509Certificate certificate) {
        return administration.addSite(SiteName.of(name), ADDRESS, certificate, Fingerprint.of(certificate));
    }

    private Path certificateFile(String key) {
        return store.home().remoteCertificatesDirectory().resolve(key + ".pem");
    }

    private static AbstractThrowableAssert<?, ?> refusal(Runnable action, StoreFailure reason) {
        return assertThatThrownBy(action::run).isInstanceOf(StoreException.class)
                .satisfies(e -> assertThat(((StoreException) e).reason()).isEqualTo(reason));
    }

    @Test
    void an_added_site_is_stored_with_its_certificate_mirrored_to_lib_certificates_and_announced() throws Exception {
        X509Certificate certificate = certificateOf("theJoneses");
        RemoteSite added = add("theJoneses", certificate);
        assertThat(added.name()).hasToString("theJoneses");
        assertThat(added.fingerprint()).isEqualTo(Fingerprint.of(certificate));
        assertThat(store.remoteSites().find(SiteName.of("THEJONESES"))).contains(added);
        Path file = certificateFile("thejoneses");
        assertThat(PemCertificates.read(Files.readAllBytes(file), file.toString())).isEqualTo(certificate);
        assertThat(Files.readString(file, StandardCharsets.US_ASCII)).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(heard).containsExactly("added theJoneses at 203.0.113.7:5070");
    }

    @Test
    void the_list_is_in_name_order_with_each_link_status_and_disconnected_when_the_link_manager_knows_none() {
        add("zeta.example", certificateOf("zeta.example"));
        add("theJoneses", certificateOf("theJoneses"));
        add("Alpha", certificateOf("alpha"));
        assertThat(administration.sites()).extracting(listed -> listed.site().name() + " " + listed.linkStatus())
                .containsExactly("Alpha disconnected", "theJoneses connected", "zeta.example disconnected");
        assertThat(administration.site(SiteName.of("ALPHA")).site().name()).hasToString("Alpha");
    }

    @Test
    void the_list_survives_reopening_the_store() {
        RemoteSite added = add("theJoneses", certificateOf("theJoneses"));
        SiteHome home = store.home();
        store.close();
        store = TestSites.open(home);
        assertThat(new StoreAdministration(store, new SecureRandom()).sites())
                .containsExactly(new ListedSite(added, LinkStatus.DISCONNECTED));
    }

    @Test
    void a_certificate_that_does_not_name_the_site_is_refused_naming_what_it_names() {
        refusal(() -> add("theJoneses", certificateOf("theBrowns")), StoreFailure.BAD_CERTIFICATE)
                .hasMessage("the certificate does not name theJoneses (subject CN=theBrowns, SubjectAltNames "
                        + "URI:sip:theBrowns, DNS:theBrowns); it is not the certificate of that site");
        assertThat(administration.sites()).isEmpty();
        assertThat(heard).isEmpty();
    }

    @Test
    void an_expired_certificate_is_refused_quoting_its_not_after() {
        Instant notAfter = Instant.parse("2024-03-01T12:00:00Z");
        X509Certificate expired = ISSUER.issue(JONESES, notAfter.minus(400, ChronoUnit.DAYS), notAfter).certificate();
        refusal(() -> add("theJoneses", expired), StoreFailure.BAD_CERTIFICATE)
                .hasMessage("the certificate of theJoneses expired on 2024-03-01 12:00:00 UTC (notAfter); "
                        + "ask its administrator for a current one");
    }

    @Test
    void a_certificate_not_yet_valid_is_refused_quoting_its_not_before() {
        Instant notBefore = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        X509Certificate future = ISSUER.issue(JONESES, notBefore, notBefore.plus(400, ChronoUnit.DAYS)).certificate();
        refusal(() -> add("theJoneses", future), StoreFailure.BAD_CERTIFICATE)
                .hasMessageContaining("is not valid before " + NetworkList.WHEN.format(notBefore) + " (notBefore)");
    }

    @Test
    void a_fingerprint_that_differs_from_the_certificates_is_refused_printing_both() {
        X509Certificate certificate = certificateOf("theJoneses");
        Fingerprint other = Fingerprint.of(certificateOf("theJoneses"));
        refusal(() -> administration.addSite(JONESES, ADDRESS, certificate, other), StoreFailure.FINGERPRINT_MISMATCH)
                .hasMessage("the certificate's fingerprint does not match the one given, so theJoneses was not added: "
                        + "certificate " + Fingerprint.of(certificate).colonHex() + ", given " + other.colonHex());
        assertThat(administration.sites()).isEmpty();
        assertThat(certificateFile("thejoneses")).doesNotExist();
    }

    @Test
    void a_name_already_on_the_list_in_any_case_is_refused() {
        add("theJoneses", certificateOf("theJoneses"));
        refusal(() -> add("THEJONESES", certificateOf("THEJONESES")), StoreFailure.SITE_EXISTS)
                .hasMessage("theJoneses is already on the Network Connection list (site names are compared ignoring case)");
    }

    @Test
    void a_certificate_pinned_for_one_name_is_refused_for_another_name_it_also_names() throws Exception {
        X509Certificate both = TwoNameCertificate.naming("theJoneses", "jones.example");
        add("theJoneses", both);
        refusal(() -> add("jones.example", both), StoreFailure.CERTIFICATE_PINNED)
                .hasMessage("this certificate is already pinned for theJoneses; a certificate is trusted for one site name only");
        assertThat(certificateFile("jones.example")).doesNotExist();
        administration.removeSite(JONESES);
        add("jones.example", both);
    }

    @Test
    void this_sites_own_name_or_own_certificate_is_refused() {
        X509Certificate own = store.identity().certificate();
        refusal(() -> add("THESMITHS", certificateOf("theSmiths")), StoreFailure.OWN_SITE)
                .hasMessageStartingWith("THESMITHS is this site's own name");
        refusal(() -> add("theSmiths", own), StoreFailure.OWN_SITE);
    }

    @Test
    void removing_a_site_forgets_its_certificate_in_the_database_and_the_folder_and_announces_it() {
        add("theJoneses", certificateOf("theJoneses"));
        administration.removeSite(SiteName.of("THEjoneses"));
        assertThat(administration.sites()).isEmpty();
        assertThat(certificateFile("thejoneses")).doesNotExist();
        assertThat(heard).containsExactly("added theJoneses at 203.0.113.7:5070", "removed THEjoneses");
        refusal(() -> administration.removeSite(JONESES), StoreFailure.NO_SUCH_SITE)
                .hasMessage("no site theJoneses on the Network Connection list");
        assertThat(heard).hasSize(2);
    }

    @Test
    void setting_an_address_moves_the_site_and_announces_it_and_a_missing_site_is_no_such_site() {
        add("theJoneses", certificateOf("theJoneses"));
        RemoteSite moved = administration.setSiteAddress(JONESES, SiteAddress.parse("[2001:db8::7]:6000"));
        assertThat(moved.address()).hasToString("[2001:db8::7]:6000");
        assertThat(administration.site(JONESES).site().address()).isEqualTo(moved.address());
        assertThat(heard).last().isEqualTo("moved theJoneses to [2001:db8::7]:6000");
        refusal(() -> administration.setSiteAddress(SiteName.of("theBrowns"), ADDRESS), StoreFailure.NO_SUCH_SITE);
        refusal(() -> administration.site(SiteName.of("theBrowns")), StoreFailure.NO_SUCH_SITE);
    }

    @Test
    void a_certificate_that_cannot_be_mirrored_leaves_nothing_on_the_list() throws Exception {
        Files.createDirectories(certificateFile("thejoneses").resolve("a folder where the file should be"));
        refusal(() -> add("theJoneses", certificateOf("theJoneses")), StoreFailure.STORE_DAMAGED);
        assertThat(administration.sites()).isEmpty();
        assertThat(heard).isEmpty();
    }
}
