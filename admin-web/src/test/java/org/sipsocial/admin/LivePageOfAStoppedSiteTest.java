package org.sipsocial.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Live page over a site's store alone (no registrar, no proxy, no links): it says plainly that nothing is
 * live, on the page and in the fragment that htmx polls. (A running site's Live page is tested with real phones
 * in integration-tests' {@code LivePageTest}.)
 */
class LivePageOfAStoppedSiteTest {
    @TempDir
    static Path temp;
    private static RunningSite site;

    @BeforeAll
    static void start() {
        site = RunningSite.start(temp.resolve("smiths"), "theSmiths");
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void the_live_page_and_its_polled_fragment_say_the_site_is_not_running() {
        ConsoleClient admin = new ConsoleClient(site.server.port());
        admin.login(RunningSite.ADMIN_PASSWORD);
        HttpResponse<String> page = admin.get("/live");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("hx-get=\"/live/now\"").contains("the site is not running");
        HttpResponse<String> fragment = admin.get("/live/now");
        assertThat(fragment.body()).startsWith("<div id=\"live\"").contains("the site is not running")
                .doesNotContain("<html");
    }
}
