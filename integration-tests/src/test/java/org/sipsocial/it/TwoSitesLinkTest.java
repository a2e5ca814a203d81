package org.sipsocial.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipsocial.identity.Fingerprint;
import org.sipsocial.identity.SiteName;
import org.sipsocial.store.DirectoryEntry;
import org.sipsocial.store.SiteAdministration;
import org.sipsocial.store.StoreException;
import org.sipsocial.store.StoreFailure;
import org.sipsocial.store.UserName;

/**
 * Two (or three) whole sites in this JVM link over pinned mutual TLS on loopback, driven only through their
 * administration, as the CLI, the admin API and the console drive them.
 */
class TwoSitesLinkTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @TempDir
    Path temp;
    private RunningSite smiths;
    private RunningSite joneses;
    private RunningSite browns;

    @AfterEach
    void stopSites() {
        for (RunningSite site : new RunningSite[] {browns, joneses, smiths}) {
            if (site != null) {
                site.close();
            }
        }
    }

    private RunningSite start(String name) {
        return RunningSite.start(temp, name, Map.of());
    }

    /** {@code from} adds {@code to} with its certificate, confirming the fingerprint its administrator read out. */
    private static void addSite(RunningSite from, RunningSite to) {
        from.administration().addSite(SiteName.of(to.name()), to.linkAddress(), to.siteCertificate(),
                Fingerprint.of(to.siteCertificate()));
    }

    private static String statusLine(RunningSite at, RunningSite of) {
        return at.administration().status(SiteName.of(of.name())).status().text();
    }

    private static void awaitStatus(RunningSite at, RunningSite of, String prefix) {
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(statusLine(at, of)).startsWith(prefix));
    }

    private void linkSmithsAndJoneses() {
        smiths = start("theSmiths");
        joneses = start("theJoneses");
        addSite(smiths, joneses);
        addSite(joneses, smiths);
        smiths.administration().connect(SiteName.of("theJoneses"));
        joneses.administration().connect(SiteName.of("theSmiths"));
    }

    @Test
    void two_sites_that_pinned_each_other_and_both_connect_are_connected_and_each_learns_where_it_is_seen_from() {
        linkSmithsAndJoneses();

        awaitStatus(smiths, joneses, "connected since ");
        awaitStatus(joneses, smiths, "connected since ");
        // The port is the link port, or an ephemeral one when the link port's connection to this peer is still
        // in TIME_WAIT (after a first try that found the other side not connecting yet).
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            assertThat(statusLine(smiths, joneses)).containsPattern("seen from 127\\.0\\.0\\.1:\\d+; media: ");
            assertThat(statusLine(joneses, smiths)).containsPattern("seen from 127\\.0\\.0\\.1:\\d+; media: ");
        });
        // The relays' media path is direct UDP on loopback (issue 11).
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            assertThat(statusLine(smiths, joneses)).containsPattern("; media: direct UDP with 127\\.0\\.0\\.1:\\d+$");
            assertThat(statusLine(joneses, smiths)).containsPattern("; media: direct UDP with 127\\.0\\.0\\.1:\\d+$");
        });
        assertThat(statusLine(smiths, joneses)).matches("connected since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC, "
                + "initiated by (theSmiths|theJoneses), round trip \\d+ ms, seen from 127\\.0\\.0\\.1:\\d+; media: .*");
        String seenFrom = statusLine(smiths, joneses).replaceFirst(".*seen from ", "").replaceFirst("; media: .*", "");
        assertThat(smiths.administration().status().seenFrom()).containsExactly(seenFrom);
        assertThat(smiths.administration().sites()).singleElement()
                .satisfies(listed -> assertThat(listed.linkStatus().text()).startsWith("connected since "));
        assertThat(smiths.administration().site(SiteName.of("theJoneses")).linkStatus().text())
                .startsWith("connected since ");
    }

    @Test
    void a_disconnect_on_one_side_shows_on_the_other_side_who_disconnected() {
        linkSmithsAndJoneses();
        awaitStatus(joneses, smiths, "connected since ");

        smiths.administration().disconnect(SiteName.of("theJoneses"));

        awaitStatus(joneses, smiths, "disconnected by theSmiths");
        assertThat(statusLine(smiths, joneses)).isEqualTo("disconnected");
    }

    @Test
    void a_site_that_lacks_our_certificate_refuses_the_link_and_lists_us_among_its_refused_callers() {
        smiths = start("theSmiths");
        browns = start("theBrowns");
        addSite(browns, smiths);

        browns.administration().connect(SiteName.of("theSmiths"));

        awaitStatus(browns, smiths, "refused: theSmiths does not have our certificate");
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(smiths.administration().status().refusals()).isNotEmpty());
        assertThat(smiths.administration().status().refusals().get(0)).contains("127.0.0.1");
        assertThat(smiths.administration().status().links()).isEmpty();
    }

    @Test
    void removing_a_site_drops_its_link_at_once_and_the_other_side_sees_it_disconnected() {
        linkSmithsAndJoneses();
        awaitStatus(joneses, smiths, "connected since ");

        smiths.administration().removeSite(SiteName.of("theJoneses"));

        awaitStatus(joneses, smiths, "disconnected by theSmiths");
        assertThatThrownBy(() -> smiths.administration().status(SiteName.of("theJoneses")))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(StoreFailure.NO_SUCH_SITE));
    }

    @Test
    void a_site_that_restarts_reconnects_the_links_that_were_connected_and_leaves_the_disconnected_ones_alone() {
        linkSmithsAndJoneses();
        browns = start("theBrowns");
        addSite(smiths, browns);
        addSite(browns, smiths);
        awaitStatus(smiths, joneses, "connected since ");
        SiteAdministration before = smiths.administration();
        assertThat(before.status(SiteName.of("theBrowns")).status().text()).isEqualTo("disconnected");

        smiths = smiths.restart();

        awaitStatus(smiths, joneses, "connected since ");
        awaitStatus(joneses, smiths, "connected since ");
        assertThat(statusLine(smiths, browns)).isEqualTo("disconnected");
        assertThat(statusLine(browns, smiths)).isEqualTo("disconnected");
    }

    @Test
    void one_connect_links_two_sites_and_a_disconnect_stands_across_a_restart_until_that_side_connects_again() {
        smiths = start("theSmiths");
        joneses = start("theJoneses");
        addSite(smiths, joneses);
        addSite(joneses, smiths);

        smiths.administration().connect(SiteName.of("theJoneses"));
        awaitStatus(joneses, smiths, "connected since ");
        awaitStatus(smiths, joneses, "connected since ");
        assertThat(statusLine(joneses, smiths)).contains(", initiated by theSmiths, ");

        joneses.administration().disconnect(SiteName.of("theSmiths"));
        awaitStatus(smiths, joneses, "disconnected by theJoneses");
        joneses = joneses.restart();
        smiths.administration().connect(SiteName.of("theJoneses"));
        awaitStatus(smiths, joneses, "refused: theJoneses disconnected this link and has not pressed Connect since");
        awaitStatus(joneses, smiths, "disconnected: theSmiths asks to connect");

        joneses.administration().connect(SiteName.of("theSmiths"));
        awaitStatus(smiths, joneses, "connected since ");
        awaitStatus(joneses, smiths, "connected since ");
    }

    @Test
    void the_directory_shows_a_user_listed_on_the_other_site_within_five_seconds_and_drops_a_removed_one() {
        linkSmithsAndJoneses();
        awaitStatus(smiths, joneses, "connected since ");
        SiteAdministration there = joneses.administration();
        Duration within = Duration.ofSeconds(5);

        there.addUser(UserName.of("alice"), Optional.of("alice-secret-1".toCharArray()));
        there.addUser(UserName.of("hidden"), Optional.of("hidden-secret-1".toCharArray()), false);
        await().atMost(within).untilAsserted(() -> assertThat(smiths.administration().directory())
                .extracting(DirectoryEntry::aor).containsExactly("alice@theJoneses"));

        there.setListed(UserName.of("hidden"), true);
        await().atMost(within).untilAsserted(() -> assertThat(smiths.administration().directory())
                .extracting(DirectoryEntry::aor).containsExactly("alice@theJoneses", "hidden@theJoneses"));

        there.removeUser(UserName.of("alice"));
        await().atMost(within).untilAsserted(() -> assertThat(smiths.administration().directory())
                .extracting(DirectoryEntry::aor).containsExactly("hidden@theJoneses"));
        assertThat(smiths.administration().directory()).extracting(DirectoryEntry::site)
                .containsOnly(SiteName.of("theJoneses"));
        assertThat(there.directory()).isEmpty();
    }

    @Test
    void connect_to_a_site_not_on_the_list_is_refused_as_no_such_site() {
        smiths = start("theSmiths");

        assertThatThrownBy(() -> smiths.administration().connect(SiteName.of("nowhere.example")))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(StoreFailure.NO_SUCH_SITE));
    }
}
