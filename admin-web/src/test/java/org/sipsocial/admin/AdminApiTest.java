package org.sipsocial.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipsocial.store.DigestCredentials;
import org.sipsocial.store.UserName;

/** Each endpoint of the admin API, against a real store, through a real server on loopback. */
class AdminApiTest {
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

    private static DigestCredentials stored(String name) {
        return site.store.users().credentials(UserName.of(name)).orElseThrow();
    }

    @Test
    void get_site_answers_the_site_name_and_its_certificate_fingerprint() {
        HttpResponse<String> response = site.send("GET", "/api/v1/site", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).isEqualTo("{\"site\":\"theSmiths\",\"fingerprint\":\""
                + site.store.identity().fingerprint().colonHex() + "\"}");
    }

    @Test
    void get_users_lists_each_user_with_aor_sip_uri_and_creation_time_but_no_secret() {
        site.send("POST", "/api/v1/users", "{\"name\":\"Listed\",\"password\":\"listed-secret\"}");
        HttpResponse<String> response = site.send("GET", "/api/v1/users", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("{\"users\":[")
                .containsPattern("\\{\"name\":\"Listed\",\"aor\":\"Listed@theSmiths\",\"sipUri\":\"sip:Listed@theSmiths\","
                        + "\"createdAt\":\"\\d{4}-\\d\\d-\\d\\dT[^\"]+Z\",\"listed\":true}")
                .doesNotContain("listed-secret").doesNotContain(stored("Listed").ha1Sha256());
    }

    @Test
    void post_users_without_a_password_generates_one_stores_it_and_returns_it_once() {
        HttpResponse<String> response = site.send("POST", "/api/v1/users", "{\"name\":\"alice\"}");
        assertThat(response.statusCode()).isEqualTo(201);
        Matcher password = Pattern.compile("\"password\":\"(\\S{20})\"").matcher(response.body());
        assertThat(password.find()).isTrue();
        assertThat(response.body()).startsWith("{\"user\":{\"name\":\"alice\",\"aor\":\"alice@theSmiths\"");
        assertThat(stored("alice"))
                .isEqualTo(DigestCredentials.of(UserName.of("alice"), "theSmiths", password.group(1).toCharArray()));
        assertThat(site.send("GET", "/api/v1/users", null).body()).doesNotContain(password.group(1));
    }

    @Test
    void post_users_with_listed_false_adds_an_unlisted_user_and_put_listed_changes_it() {
        HttpResponse<String> added = site.send("POST", "/api/v1/users", "{\"name\":\"erin\",\"password\":\"x\",\"listed\":false}");
        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(added.body()).contains("\"listed\":false");
        assertThat(site.store.users().listedNames()).extracting(UserName::toString).doesNotContain("erin");

        assertThat(site.send("PUT", "/api/v1/users/ERIN/listed", "{\"listed\":true}").statusCode()).isEqualTo(204);
        assertThat(site.store.users().listedNames()).extracting(UserName::toString).contains("erin");
        assertThat(site.send("PUT", "/api/v1/users/erin/listed", "{\"listed\":false}").statusCode()).isEqualTo(204);
        assertThat(site.store.users().listedNames()).extracting(UserName::toString).doesNotContain("erin");
    }

    @Test
    void put_listed_refuses_a_missing_or_non_boolean_flag_and_an_unknown_user() {
        site.send("POST", "/api/v1/users", "{\"name\":\"frank\",\"password\":\"x\"}");
        HttpResponse<String> text = site.send("PUT", "/api/v1/users/frank/listed", "{\"listed\":\"no\"}");
        assertThat(text.statusCode()).isEqualTo(400);
        assertThat(text.body()).contains("\\\"listed\\\" must be true or false");
        assertThat(site.send("PUT", "/api/v1/users/frank/listed", "{}").body()).contains("\\\"listed\\\" is missing");
        assertThat(site.send("PUT", "/api/v1/users/nobody/listed", "{\"listed\":true}").statusCode()).isEqualTo(404);
        assertThat(site.send("POST", "/api/v1/users", "{\"name\":\"gina\",\"listed\":1}").statusCode()).isEqualTo(400);
    }

    @Test
    void post_users_with_a_password_stores_that_password_and_returns_none() {
        HttpResponse<String> response = site.send("POST", "/api/v1/users", "{\"name\":\"bob\",\"password\":\"Tr0ub4dor&3\"}");
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).doesNotContain("password");
        assertThat(stored("bob")).isEqualTo(DigestCredentials.of(UserName.of("bob"), "theSmiths", "Tr0ub4dor&3".toCharArray()));
    }

    @Test
    void delete_user_removes_the_user_and_a_second_delete_is_404_no_such_user() {
        site.send("POST", "/api/v1/users", "{\"name\":\"carol\",\"password\":\"x\"}");
        assertThat(site.send("DELETE", "/api/v1/users/CAROL", null).statusCode()).isEqualTo(204);
        assertThat(site.store.users().credentials(UserName.of("carol"))).isEmpty();
        HttpResponse<String> again = site.send("DELETE", "/api/v1/users/carol", null);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.body()).isEqualTo("{\"error\":\"no user carol@theSmiths\",\"reason\":\"NO_SUCH_USER\"}");
    }

    @Test
    void put_password_sets_the_given_password_or_generates_and_returns_one() {
        site.send("POST", "/api/v1/users", "{\"name\":\"dave\",\"password\":\"first\"}");
        HttpResponse<String> given = site.send("PUT", "/api/v1/users/DAVE/password", "{\"password\":\"second\"}");
        assertThat(given.statusCode()).isEqualTo(204);
        assertThat(stored("dave")).isEqualTo(DigestCredentials.of(UserName.of("dave"), "theSmiths", "second".toCharArray()));
        HttpResponse<String> generated = site.send("PUT", "/api/v1/users/dave/password", "");
        assertThat(generated.statusCode()).isEqualTo(200);
        Matcher password = Pattern.compile("^\\{\"password\":\"(\\S{20})\"}$").matcher(generated.body());
        assertThat(password.find()).isTrue();
        assertThat(stored("dave")).isEqualTo(DigestCredentials.of(UserName.of("dave"), "theSmiths", password.group(1).toCharArray()));
    }

    @Test
    void put_password_of_a_missing_user_is_404_no_such_user() {
        HttpResponse<String> response = site.send("PUT", "/api/v1/users/nobody/password", "{\"password\":\"p\"}");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("\"reason\":\"NO_SUCH_USER\"");
    }

    @Test
    void a_duplicate_user_in_another_case_is_409_with_the_stores_one_line() {
        site.send("POST", "/api/v1/users", "{\"name\":\"erin\",\"password\":\"p\"}");
        HttpResponse<String> response = site.send("POST", "/api/v1/users", "{\"name\":\"Erin\",\"password\":\"p\"}");
        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.body()).isEqualTo("{\"error\":\"user erin@theSmiths already exists "
                + "(user names are compared ignoring case)\",\"reason\":\"USER_EXISTS\"}");
    }

    @Test
    void a_bad_user_name_or_password_is_400_with_the_store_reason() {
        HttpResponse<String> name = site.send("POST", "/api/v1/users", "{\"name\":\"alice smith\"}");
        assertThat(name.statusCode()).isEqualTo(400);
        assertThat(name.body()).startsWith("{\"error\":\"bad user name \\\"alice smith\\\"").endsWith("\"reason\":\"BAD_USER_NAME\"}");
        HttpResponse<String> password = site.send("POST", "/api/v1/users", "{\"name\":\"frank\",\"password\":\"\"}");
        assertThat(password.statusCode()).isEqualTo(400);
        assertThat(password.body()).isEqualTo("{\"error\":\"the password is empty\",\"reason\":\"BAD_PASSWORD\"}");
    }

    @Test
    void a_body_that_is_not_the_expected_json_object_is_400_bad_request_without_quoting_it() {
        HttpResponse<String> broken = site.send("POST", "/api/v1/users", "{\"name\":\"gina\",\"password\":\"hunter2");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body()).contains("\"reason\":\"BAD_REQUEST\"").contains("not valid JSON").doesNotContain("hunter2");
        HttpResponse<String> unknown = site.send("POST", "/api/v1/users", "{\"name\":\"gina\",\"admin\":\"yes\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).isEqualTo("{\"error\":\"unknown field \\\"admin\\\"; this endpoint takes \\\"listed\\\", "
                + "\\\"name\\\", \\\"password\\\"\",\"reason\":\"BAD_REQUEST\"}");
        HttpResponse<String> missing = site.send("POST", "/api/v1/users", "{}");
        assertThat(missing.body()).isEqualTo("{\"error\":\"\\\"name\\\" is missing\",\"reason\":\"BAD_REQUEST\"}");
        assertThat(site.send("POST", "/api/v1/users", "[]").statusCode()).isEqualTo(400);
        assertThat(site.send("POST", "/api/v1/users", "{\"name\":7}").statusCode()).isEqualTo(400);
        assertThat(site.send("POST", "/api/v1/users", "{\"name\":\"gina\",\"name\":\"hal\"}").body())
                .isEqualTo("{\"error\":\"\\\"name\\\" is given twice\",\"reason\":\"BAD_REQUEST\"}");
    }

    @Test
    void a_body_over_the_size_limit_is_refused_unread() {
        String huge = "{\"name\":\"" + "x".repeat((int) AdminServer.MAX_REQUEST_BYTES) + "\"}";
        HttpResponse<String> response = site.send("POST", "/api/v1/users", huge);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).startsWith("{\"error\":\"the request was refused: ").endsWith("\"reason\":\"BAD_REQUEST\"}");
    }

    @Test
    void user_names_with_slashes_semicolons_question_marks_and_dots_are_one_path_segment() {
        for (String name : new String[] {"a/b", "x;y", "why?", "..", ".", "plus+sign", "e&e=$,"}) {
            String json = "{\"name\":\"" + name + "\",\"password\":\"p\"}";
            assertThat(site.send("POST", "/api/v1/users", json).statusCode()).as(name).isEqualTo(201);
            String path = "/api/v1/users/" + RunningSite.pathSegment(name);
            assertThat(site.send("PUT", path + "/password", "{\"password\":\"q\"}").statusCode()).as(name).isEqualTo(204);
            assertThat(stored(name)).as(name)
                    .isEqualTo(DigestCredentials.of(UserName.of(name), "theSmiths", "q".toCharArray()));
            assertThat(site.send("DELETE", path, null).statusCode()).as(name).isEqualTo(204);
            assertThat(site.store.users().credentials(UserName.of(name))).as(name).isEmpty();
        }
    }

    @Test
    void an_unknown_endpoint_is_404_no_such_endpoint() {
        HttpResponse<String> response = site.send("GET", "/api/v1/nothing", null);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"error\":\"no such endpoint: GET /api/v1/nothing\",\"reason\":\"NO_SUCH_ENDPOINT\"}");
        assertThat(site.send("PATCH", "/api/v1/users", "{}").statusCode()).isEqualTo(404);
    }
}
