package org.sipsocial.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipsocial.identity.SiteName;
import org.sipsocial.store.DirectoryEntry;
import org.sipsocial.store.LinkStatus;
import org.sipsocial.store.NetworkStatus;
import org.sipsocial.store.SiteActivity;
import org.sipsocial.store.SiteLink;

/** The link endpoints of the admin API: Connect, Disconnect and status. */
class AdminLinkApiTest {
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
    void link_endpoints_over_an_administration_without_links_answer_503_site_not_running() {
        String[][] requests = {{"POST", "/api/v1/sites/theJoneses/connect"}, {"POST", "/api/v1/sites/theJoneses/disconnect"},
            {"GET", "/api/v1/status"}, {"GET", "/api/v1/status/theJoneses"}, {"GET", "/api/v1/directory"},
            {"GET", "/api/v1/activity"}};
        for (String[] request : requests) {
            HttpResponse<String> response = site.send(request[0], request[1], null);
            assertThat(response.statusCode()).as(request[1]).isEqualTo(503);
            assertThat(response.body()).as(request[1]).isEqualTo("{\"error\":\"the site is not running: start it with "
                    + "sipsocial run --home " + site.store.home().root() + "\",\"reason\":\"SITE_NOT_RUNNING\"}");
        }
    }

    @Test
    void the_directory_is_written_one_object_per_aor_with_its_site() {
        List<DirectoryEntry> entries = List.of(new DirectoryEntry(SiteName.of("theJoneses"), "alice@theJoneses"),
                new DirectoryEntry(SiteName.of("theJoneses"), "bob@theJoneses"));
        assertThat(new String(ResponseBody.directory(entries), StandardCharsets.UTF_8)).isEqualTo("{\"directory\":["
                + "{\"site\":\"theJoneses\",\"aor\":\"alice@theJoneses\"},{\"site\":\"theJoneses\",\"aor\":\"bob@theJoneses\"}]}");
        assertThat(new String(ResponseBody.directory(List.of()), StandardCharsets.UTF_8)).isEqualTo("{\"directory\":[]}");
    }

    @Test
    void the_activity_is_written_with_phones_calls_and_round_trips_and_no_since_for_a_phone_from_before_a_restart() {
        java.time.Instant at = java.time.Instant.parse("2026-12-06T20:00:00Z");
        SiteActivity activity = new SiteActivity(at,
                List.of(new SiteActivity.Phone("bob", "SIPp", "UDP", at.minusSeconds(60)),
                        new SiteActivity.Phone("carol", "", "TLS", null)),
                List.of(new SiteActivity.Call("alice@theJoneses", "bob@theSmiths", "theJoneses", at, "direct UDP", 3, 1)),
                List.of(new SiteActivity.LinkRoundTrip("theJoneses", java.time.Duration.ofNanos(3_200_000))));
        assertThat(new String(ResponseBody.activity(activity), StandardCharsets.UTF_8)).isEqualTo("{\"at\":"
                + "\"2026-12-06T20:00:00Z\",\"phones\":[{\"user\":\"bob\",\"device\":\"SIPp\",\"transport\":\"UDP\","
                + "\"since\":\"2026-12-06T19:59:00Z\"},{\"user\":\"carol\",\"device\":\"\",\"transport\":\"TLS\","
                + "\"since\":null}],\"calls\":[{\"caller\":\"alice@theJoneses\",\"callee\":\"bob@theSmiths\","
                + "\"site\":\"theJoneses\",\"since\":\"2026-12-06T20:00:00Z\",\"media\":\"direct UDP\",\"lost\":3,"
                + "\"late\":1}],\"links\":[{\"site\":\"theJoneses\",\"roundTripMillis\":3.2}]}");
    }

    @Test
    void a_link_and_the_whole_status_are_written_with_their_one_line_seen_from_addresses_refusals_events_and_port_mapping() {
        SiteLink link = new SiteLink(SiteName.of("theJoneses"), new LinkStatus("waiting for the other side"));
        assertThat(new String(ResponseBody.link(link), StandardCharsets.UTF_8))
                .isEqualTo("{\"site\":\"theJoneses\",\"linkStatus\":\"waiting for the other side\"}");
        NetworkStatus status = new NetworkStatus(List.of(link), List.of("198.51.100.7:5070"), List.of("refused: one line"),
                List.of("18:00:00 UTC theJoneses: disconnected by theJoneses"), "no port mapping: the router did not answer NAT-PMP");
        assertThat(new String(ResponseBody.status(status), StandardCharsets.UTF_8)).isEqualTo("{\"links\":[{\"site\":"
                + "\"theJoneses\",\"linkStatus\":\"waiting for the other side\"}],\"seenFrom\":[\"198.51.100.7:5070\"],"
                + "\"refusals\":[\"refused: one line\"],\"events\":[\"18:00:00 UTC theJoneses: disconnected by theJoneses\"],"
                + "\"portMapping\":\"no port mapping: the router did not answer NAT-PMP\"}");
    }

    @Test
    void the_status_names_what_the_site_learned_of_its_nat_once_it_knows_something() {
        NetworkStatus status = new NetworkStatus(List.of(), List.of("11.250.42.12:40123"), List.of(), List.of(), "",
                "this site is behind a NAT that changes ports; it can link directly only with public sites or with "
                        + "sites whose router maps ports (theBrowns sees link port 5070 as 11.250.42.12:40123)");
        assertThat(new String(ResponseBody.status(status), StandardCharsets.UTF_8)).endsWith(",\"portMapping\":\"\","
                + "\"nat\":\"this site is behind a NAT that changes ports; it can link directly only with public sites "
                + "or with sites whose router maps ports (theBrowns sees link port 5070 as 11.250.42.12:40123)\"}");
    }
}
