package org.sipsocial.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may reach the console and what it lets out: a login, a session cookie, CSRF tokens, strict headers. */
class ConsoleSecurityTest {
    private static final String[] PAGES = {"/site", "/network", "/users", "/live", "/live/now", "/network/list",
        "/network/status-line", "/site/certificate.pem", "/site/fingerprint.svg"};

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
    void every_page_without_a_session_sends_the_browser_to_the_login_page() {
        ConsoleClient anonymous = new ConsoleClient(site.server.port());
        for (String page : PAGES) {
            HttpResponse<String> response = anonymous.get(page);
            assertThat(response.statusCode()).as(page).isEqualTo(303);
            assertThat(response.headers().firstValue("Location")).as(page).hasValue("/login");
        }
    }

    @Test
    void every_form_without_a_session_is_refused_and_changes_nothing() {
        ConsoleClient anonymous = new ConsoleClient(site.server.port());
        HttpResponse<String> response = anonymous.postWithout("/users/add", Map.of("name", "mallory"));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(site.store.users().list()).noneMatch(user -> user.name().toString().equals("mallory"));
    }

    @Test
    void a_form_without_its_csrf_token_or_with_another_is_refused_and_changes_nothing() {
        ConsoleClient admin = loggedIn();
        HttpResponse<String> none = admin.postWithout("/users/add", Map.of("name", "mallory"));
        HttpResponse<String> other = admin.postWithout("/users/add", Map.of("name", "mallory", "csrf", "forged"));
        assertThat(none.statusCode()).isEqualTo(403);
        assertThat(none.body()).contains("no valid CSRF token");
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(site.store.users().list()).noneMatch(user -> user.name().toString().equals("mallory"));
    }

    @Test
    void the_login_form_itself_needs_its_csrf_token() {
        ConsoleClient client = new ConsoleClient(site.server.port());
        client.get("/login");
        HttpResponse<String> response = client.postWithout("/login", Map.of("password", RunningSite.ADMIN_PASSWORD));
        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void the_session_cookie_is_http_only_same_site_strict_and_expires() {
        ConsoleClient client = new ConsoleClient(site.server.port());
        HttpResponse<String> login = client.login(RunningSite.ADMIN_PASSWORD);
        assertThat(login.statusCode()).isEqualTo(303);
        assertThat(login.headers().firstValue("Set-Cookie")).hasValueSatisfying(cookie -> assertThat(cookie)
                .startsWith("sipsocial-console=").contains("HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=1800"));
    }

    @Test
    void a_login_replaces_the_session_so_an_id_from_before_it_opens_nothing() {
        ConsoleClient client = new ConsoleClient(site.server.port());
        client.get("/login");
        String before = client.cookie();
        client.post("/login", Map.of("password", RunningSite.ADMIN_PASSWORD));
        assertThat(client.cookie()).isNotNull().isNotEqualTo(before);
        assertThat(client.get("/users").statusCode()).isEqualTo(200);
    }

    @Test
    void logging_out_ends_the_session() {
        ConsoleClient admin = loggedIn();
        admin.get("/site");
        assertThat(admin.post("/logout", Map.of()).statusCode()).isEqualTo(303);
        assertThat(admin.get("/site").statusCode()).isEqualTo(303);
    }

    @Test
    void every_page_carries_a_strict_content_security_policy_and_the_other_security_headers() {
        ConsoleClient admin = loggedIn();
        List<String> paths = new ArrayList<>(List.of(PAGES));
        paths.add("/login");
        for (String page : paths) {
            HttpResponse<String> response = admin.get(page);
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(page).hasValueSatisfying(csp ->
                    assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe"));
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(page).hasValue("nosniff");
            assertThat(response.headers().firstValue("Referrer-Policy")).as(page).hasValue("no-referrer");
            assertThat(response.headers().firstValue("Cache-Control")).as(page).hasValue("no-store");
        }
    }

    @Test
    void no_page_holds_an_inline_script_or_style() {
        ConsoleClient admin = loggedIn();
        for (String page : new String[] {"/site", "/network", "/users", "/live"}) {
            String body = admin.get(page).body();
            assertThat(body).as(page).doesNotContain("<script>").doesNotContain("style=").doesNotContain("onclick");
        }
    }

    @Test
    void the_api_still_wants_its_token_and_the_console_session_does_not_open_it() {
        ConsoleClient admin = loggedIn();
        assertThat(admin.get("/api/v1/users").statusCode()).isEqualTo(401);
        assertThat(site.send("GET", "/api/v1/users", null).statusCode()).isEqualTo(200);
    }

    @Test
    void no_page_or_response_holds_a_password_an_ha1_the_private_key_the_admin_token_or_hash() throws Exception {
        String password = "a-secret-sip-password";
        site.send("POST", "/api/v1/users", "{\"name\":\"carol\",\"password\":\"" + password + "\"}");
        List<String> secrets = new ArrayList<>(List.of(password, RunningSite.ADMIN_PASSWORD, RunningSite.PASSPHRASE,
                site.token.value(), site.store.adminPasswords().hash().orElseThrow().encoded(),
                Base64.getEncoder().encodeToString(site.store.identity().privateKey().getEncoded()).substring(0, 40),
                "PRIVATE KEY"));
        try (Connection connection = site.store.database().connection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT ha1_md5, ha1_sha256 FROM site_user")) {
            while (rows.next()) {
                secrets.add(rows.getString(1));
                secrets.add(rows.getString(2));
            }
        }
        ConsoleClient admin = loggedIn();
        List<String> paths = new ArrayList<>(List.of(PAGES));
        paths.addAll(List.of("/users/carol/phone", "/users/carol/phone.svg"));
        for (String page : paths) {
            HttpResponse<String> response = admin.get(page);
            assertThat(response.statusCode()).as(page).isEqualTo(200);
            for (String secret : secrets) {
                assertThat(response.body()).as(page).doesNotContainIgnoringCase(secret);
            }
        }
        for (String api : new String[] {"/api/v1/site", "/api/v1/users", "/api/v1/sites", "/api/v1/status"}) {
            String body = site.send("GET", api, null).body();
            for (String secret : secrets) {
                assertThat(body).as(api).doesNotContainIgnoringCase(secret);
            }
        }
    }

    @Test
    void the_admin_password_is_set_through_the_api_with_its_token_only_and_a_malformed_body_is_400() {
        assertThat(site.send("PUT", "/api/v1/admin/password", "{\"password\":\"another console pw\"}", null).statusCode())
                .isEqualTo(401);
        assertThat(site.send("PUT", "/api/v1/admin/password", "{\"password\":", "Bearer wrong").statusCode()).isEqualTo(401);
        HttpResponse<String> malformed = site.send("PUT", "/api/v1/admin/password", "{\"password\":");
        assertThat(malformed.statusCode()).isEqualTo(400);
        HttpResponse<String> missing = site.send("PUT", "/api/v1/admin/password", "{}");
        assertThat(missing.statusCode()).isEqualTo(400);
        HttpResponse<String> tooShort = site.send("PUT", "/api/v1/admin/password", "{\"password\":\"short\"}");
        assertThat(tooShort.statusCode()).isEqualTo(400);
        assertThat(tooShort.body()).contains("too short").doesNotContain("\"short\"");
        assertThat(loggedIn().get("/site").statusCode()).isEqualTo(200);
    }

    @Test
    void a_page_for_a_user_that_does_not_exist_says_so_in_plain_words() {
        HttpResponse<String> response = loggedIn().get("/users/nobody/phone");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(response.body()).isEqualTo("no user nobody on this site");
    }

    @Test
    void an_add_site_form_to_correct_comes_back_as_typed_with_what_to_fix_and_nothing_is_saved() {
        ConsoleClient admin = loggedIn();
        admin.get("/network");
        HttpResponse<String> response = admin.post("/network/check", Map.of("name", "theJoneses",
                "address", "203.0.113.7:5070", "certificate", "not a certificate"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("class=\"message error\"")
                .contains("value=\"theJoneses\"", "value=\"203.0.113.7:5070\"", ">not a certificate</textarea>");
        assertThat(site.store.remoteSites().list()).isEmpty();
    }

    @Test
    void a_flood_of_login_pages_does_not_push_out_a_logged_in_session() {
        ConsoleClient admin = loggedIn();
        for (int i = 0; i < 300; i++) {
            new ConsoleClient(site.server.port()).get("/login");
        }
        assertThat(admin.get("/users").statusCode()).isEqualTo(200);
    }

    private static ConsoleClient loggedIn() {
        ConsoleClient admin = new ConsoleClient(site.server.port());
        assertThat(admin.login(RunningSite.ADMIN_PASSWORD).statusCode()).isEqualTo(303);
        return admin;
    }
}
