package org.sipsocial.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipsocial.identity.Fingerprint;
import org.sipsocial.identity.SelfSignedCertificateIssuer;
import org.sipsocial.identity.SiteName;

/** Which links the administrator wants up is kept with each site, across restarts, and goes with the site. */
class WantedLinksStorageTest {
    private static final SelfSignedCertificateIssuer ISSUER = new SelfSignedCertificateIssuer(Clock.systemUTC(), new SecureRandom());

    @TempDir
    Path temp;

    private static void add(StoreAdministration administration, String name) {
        X509Certificate certificate = ISSUER.issue(SiteName.of(name)).certificate();
        administration.addSite(SiteName.of(name), SiteAddress.parse("203.0.113.7"), certificate, Fingerprint.of(certificate));
    }

    @Test
    void a_wanted_link_is_remembered_across_a_reopen_and_forgotten_with_its_site() {
        SiteHome home = TestSites.create(temp.resolve("smiths"), "theSmiths");
        try (SiteStore store = TestSites.open(home)) {
            StoreAdministration administration = new StoreAdministration(store, new SecureRandom());
            add(administration, "theJoneses");
            add(administration, "theBrowns");
            assertThat(store.remoteSites().linksWanted()).isEmpty();
            assertThat(store.remoteSites().setLinkWanted(SiteName.of("THEJONESES"), true)).isTrue();
            assertThat(store.remoteSites().setLinkWanted(SiteName.of("nowhere.example"), true)).isFalse();
        }
        try (SiteStore store = TestSites.open(home)) {
            assertThat(store.remoteSites().linksWanted()).containsExactly(SiteName.of("theJoneses"));
            new StoreAdministration(store, new SecureRandom()).removeSite(SiteName.of("theJoneses"));
            assertThat(store.remoteSites().linksWanted()).isEmpty();
        }
    }

    @Test
    void a_disconnect_is_remembered_across_a_reopen_apart_from_the_wish_and_forgotten_with_its_site() {
        SiteHome home = TestSites.create(temp.resolve("smiths"), "theSmiths");
        try (SiteStore store = TestSites.open(home)) {
            StoreAdministration administration = new StoreAdministration(store, new SecureRandom());
            add(administration, "theJoneses");
            add(administration, "theBrowns");
            assertThat(store.remoteSites().linksDisconnected()).isEmpty();
            assertThat(store.remoteSites().setLinkDisconnected(SiteName.of("theBrowns"), true)).isTrue();
            assertThat(store.remoteSites().setLinkWanted(SiteName.of("theJoneses"), true)).isTrue();
            assertThat(store.remoteSites().setLinkDisconnected(SiteName.of("nowhere.example"), true)).isFalse();
        }
        try (SiteStore store = TestSites.open(home)) {
            assertThat(store.remoteSites().linksDisconnected()).containsExactly(SiteName.of("theBrowns"));
            assertThat(store.remoteSites().linksWanted()).containsExactly(SiteName.of("theJoneses"));
            store.remoteSites().setLinkDisconnected(SiteName.of("THEBROWNS"), false);
            assertThat(store.remoteSites().linksDisconnected()).isEmpty();
            store.remoteSites().setLinkDisconnected(SiteName.of("theBrowns"), true);
            new StoreAdministration(store, new SecureRandom()).removeSite(SiteName.of("theBrowns"));
            assertThat(store.remoteSites().linksDisconnected()).isEmpty();
        }
    }

    @Test
    void a_stopped_site_refuses_connect_disconnect_and_status_as_not_running_and_says_how_to_start_it() {
        SiteHome home = TestSites.create(temp.resolve("smiths"), "theSmiths");
        try (SiteStore store = TestSites.open(home)) {
            StoreAdministration administration = new StoreAdministration(store, new SecureRandom());
            SiteName joneses = SiteName.of("theJoneses");
            for (Runnable action : new Runnable[] {() -> administration.connect(joneses),
                    () -> administration.disconnect(joneses), () -> administration.status(joneses), administration::status}) {
                assertThatThrownBy(action::run).isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.reason()).isEqualTo(StoreFailure.SITE_NOT_RUNNING);
                    assertThat(e.getMessage()).isEqualTo("the site is not running: start it with sipsocial run --home "
                            + home.root());
                });
            }
        }
    }
}
