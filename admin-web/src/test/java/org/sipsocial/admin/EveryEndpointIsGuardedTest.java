package org.sipsocial.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipsocial.store.AdminToken;

/**
 * Every endpoint of the admin API and every form of the console, tried as an attacker would: no token, a wrong
 * token, a body that is not JSON, a form without its CSRF token. Nothing changes, and no answer quotes the body.
 */
class EveryEndpointIsGuardedTest {
    /** Method and path of every endpoint AdminRoutes installs (a user and a site that exist or not: the guard is first). */
    private static final List<String[]> API = List.of(
            new String[] {"GET", "/api/v1/site"}, new String[] {"GET", "/api/v1/metrics"},
            new String[] {"PUT", "/api/v1/admin/password"},
            new String[] {"GET", "/api/v1/users"}, new String[] {"POST", "/api/v1/users"},
            new String[] {"DELETE", "/api/v1/users/alice"}, new String[] {"PUT", "/api/v1/users/alice/password"},
            new String[] {"PUT", "/api/v1/users/alice/listed"},
            new String[] {"GET", "/api/v1/sites"}, new String[] {"POST", "/api/v1/sites"},
            new String[] {"GET", "/api/v1/sites/theJoneses"}, new String[] {"DELETE", "/api/v1/sites/theJoneses"},
            new String[] {"PUT", "/api/v1/sites/theJoneses/address"},
            new String[] {"POST", "/api/v1/sites/theJoneses/connect"},
            new String[] {"POST", "/api/v1/sites/theJoneses/disconnect"},
            new String[] {"GET", "/api/v1/status"}, new String[] {"GET", "/api/v1/status/theJoneses"},
            new String[] {"GET", "/api/v1/directory"}, new String[] {"GET", "/api/v1/activity"});
    /** The endpoints that take a JSON body. */
    private static final List<String[]> WITH_BODY = API.stream()
            .filter(e -> e[0].equals("PUT") || (e[0].equals("POST") && !e[1].endsWith("connect"))).toList();
    /** Every form of the console. */
    private static final List<String> FORMS = List.of("/logout", "/users/add", "/users/alice/password",
            "/users/alice/remove", "/users/alice/listed", "/network/check", "/network/add",
            "/network/theJoneses/connect", "/network/theJoneses/disconnect", "/network/theJoneses/address",
            "/network/theJoneses/remove");
    private static final String BODY = "{\"name\":\"mallory\",\"password\":\"mallory's secret\",\"listed\":true}";

    @TempDir
    static Path temp;
    private static RunningSite site;

    @BeforeAll
    static void start() {
        site = RunningSite.start(temp.resolve("smiths"), "theSmiths");
        site.send("POST", "/api/v1/users", "{\"name\":\"alice\"}");
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void every_api_endpoint_without_a_token_or_with_a_wrong_one_is_401_and_changes_nothing() {
        String wrong = "Bearer " + AdminToken.generate(new SecureRandom()).value();
        for (String[] endpoint : API) {
            for (String authorization : new String[] {null, wrong, "Basic YWRtaW46YWRtaW4="}) {
                HttpResponse<String> response = site.send(endpoint[0], endpoint[1], BODY, authorization);
                assertThat(response.statusCode()).as("%s %s with %s", endpoint[0], endpoint[1], authorization)
                        .isEqualTo(401);
                assertThat(response.body()).doesNotContain("mallory");
            }
        }
        assertUnchanged();
    }

    @Test
    void every_api_endpoint_that_takes_json_refuses_a_malformed_body_with_400_without_quoting_it() {
        for (String[] endpoint : WITH_BODY) {
            for (String body : new String[] {"{\"name\":\"mallory", "mallory", "[\"mallory\"]", "{\"name\":1,\"mallory\":{}}"}) {
                HttpResponse<String> response = site.send(endpoint[0], endpoint[1], body);
                assertThat(response.statusCode()).as("%s %s with %s", endpoint[0], endpoint[1], body).isEqualTo(400);
                assertThat(response.body()).as("%s %s", endpoint[0], endpoint[1]).doesNotContain("mallory")
                        .contains("\"reason\":\"BAD_REQUEST\"");
            }
        }
        assertUnchanged();
    }

    @Test
    void every_console_form_without_its_csrf_token_is_403_even_in_a_logged_in_session_and_changes_nothing() {
        ConsoleClient admin = new ConsoleClient(site.server.port());
        admin.login(RunningSite.ADMIN_PASSWORD);
        Map<String, String> fields = Map.of("name", "mallory", "address", "203.0.113.9", "listed", "false");
        for (String form : FORMS) {
            HttpResponse<String> response = admin.postWithout(form, fields);
            assertThat(response.statusCode()).as(form).isEqualTo(403);
            assertThat(response.body()).as(form).doesNotContain("mallory");
        }
        assertThat(admin.get("/users").statusCode()).as("still logged in").isEqualTo(200);
        assertUnchanged();
    }

    @Test
    void every_console_form_without_a_session_is_403_and_every_page_sends_to_the_login_page() {
        ConsoleClient anonymous = new ConsoleClient(site.server.port());
        for (String form : FORMS) {
            assertThat(anonymous.postWithout(form, Map.of("name", "mallory", "csrf", "x")).statusCode()).as(form)
                    .isEqualTo(403);
        }
        assertUnchanged();
    }

    private static void assertUnchanged() {
        assertThat(site.store.users().list()).extracting(user -> user.name().toString()).containsExactly("alice");
        assertThat(site.store.users().list().get(0).listed()).isTrue();
        assertThat(site.store.remoteSites().list()).isEmpty();
        assertThat(site.store.adminPasswords().matches(RunningSite.ADMIN_PASSWORD.toCharArray())).isTrue();
    }
}
