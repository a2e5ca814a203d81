package org.sipsocial.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipsocial.store.AdminToken;
import org.sipsocial.store.StoreAdministration;
import org.sipsocial.store.StoreException;
import org.sipsocial.store.StoreFailure;

/** Who may reach the admin API: only a client on 127.0.0.1 that presents the running site's token. */
class AdminAccessTest {
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
    void a_request_without_a_token_is_401_even_for_an_unknown_endpoint() {
        for (String path : new String[] {"/api/v1/users", "/api/v1/nothing", "/api/v1", "/api/v1/admin/password"}) {
            HttpResponse<String> response = site.send("GET", path, null, null);
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(
                    value -> assertThat(value).startsWith("Bearer"));
            assertThat(response.body()).as(path).endsWith("\"reason\":\"UNAUTHORIZED\"}").doesNotContain(site.token.value());
        }
    }

    @Test
    void a_wrong_token_or_another_scheme_is_401_and_changes_nothing() {
        String wrong = "Bearer " + AdminToken.generate(new SecureRandom()).value();
        HttpResponse<String> response = site.send("POST", "/api/v1/users", "{\"name\":\"mallory\"}", wrong);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("{\"error\":\"wrong admin token: it is not the one the running site "
                + "wrote to its admin.token\",\"reason\":\"UNAUTHORIZED\"}");
        assertThat(site.send("GET", "/api/v1/users", null, "Basic " + site.token.value()).statusCode()).isEqualTo(401);
        assertThat(site.send("GET", "/api/v1/users", null, "Bearer").statusCode()).isEqualTo(401);
        assertThat(site.send("GET", "/api/v1/users", null).body()).doesNotContain("mallory");
    }

    @Test
    void the_right_token_is_accepted_whatever_the_case_of_the_scheme() {
        assertThat(site.send("GET", "/api/v1/site", null, "bearer " + site.token.value()).statusCode()).isEqualTo(200);
    }

    @Test
    void it_listens_on_127_0_0_1_only() throws IOException {
        assertThat(site.server.address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), site.server.port())) {
            assertThat(socket.isConnected()).isTrue();
        }
        assertThatThrownBy(() -> new Socket(InetAddress.getByName("127.0.0.2"), site.server.port()).close())
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void it_refuses_to_start_on_an_address_other_than_loopback() {
        StoreAdministration administration = new StoreAdministration(site.store, new SecureRandom());
        AdminToken token = AdminToken.generate(new SecureRandom());
        assertThatThrownBy(() -> AdminServer.start(administration, new InetSocketAddress("0.0.0.0", 0), token))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loopback only");
    }

    @Test
    void a_taken_admin_port_is_refused_naming_the_setting() {
        StoreAdministration administration = new StoreAdministration(site.store, new SecureRandom());
        AdminToken token = AdminToken.generate(new SecureRandom());
        assertThatThrownBy(() -> AdminServer.start(administration,
                new InetSocketAddress(AdminServer.LOOPBACK, site.server.port()), token))
                .isInstanceOf(StoreException.class).hasMessageContaining("admin-port " + site.server.port())
                .extracting(failure -> ((StoreException) failure).reason()).isEqualTo(StoreFailure.BAD_SETTING);
    }

    @Test
    void the_endpoint_writes_an_owner_only_token_file_that_opens_the_api_and_deletes_it_on_close() throws IOException {
        Path tokenFile = site.store.home().adminTokenFile();
        StoreAdministration administration = new StoreAdministration(site.store, new SecureRandom());
        try (AdminEndpoint endpoint = AdminEndpoint.start(site.store.home(), 0, administration, SiteMetrics.NONE, new SecureRandom())) {
            assertThat(Files.getPosixFilePermissions(tokenFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            AdminToken token = AdminToken.read(tokenFile).orElseThrow();
            HttpResponse<String> response = site.send(endpoint.port(), "GET", "/api/v1/site", null, "Bearer " + token.value());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).startsWith("{\"site\":\"theSmiths\"");
        }
        assertThat(tokenFile).doesNotExist();
    }

    @Test
    void the_metrics_are_served_as_prometheus_text_to_token_holders_only() throws IOException {
        StoreAdministration administration = new StoreAdministration(site.store, new SecureRandom());
        SiteMetrics metrics = () -> "# TYPE sipsocial_auth_blocks_total counter\nsipsocial_auth_blocks_total 1.0\n";
        try (AdminEndpoint endpoint = AdminEndpoint.start(site.store.home(), 0, administration, metrics, new SecureRandom())) {
            AdminToken token = AdminToken.read(site.store.home().adminTokenFile()).orElseThrow();
            HttpResponse<String> response = site.send(endpoint.port(), "GET", "/api/v1/metrics", null, "Bearer " + token.value());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
            assertThat(response.body()).contains("sipsocial_auth_blocks_total 1.0");
            assertThat(site.send(endpoint.port(), "GET", "/api/v1/metrics", null, null).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void every_store_failure_has_an_http_status() {
        for (StoreFailure failure : EnumSet.allOf(StoreFailure.class)) {
            assertThat(AdminErrors.status(failure)).as(failure.name()).isBetween(400, 599);
        }
        assertThat(AdminErrors.status(StoreFailure.NO_SUCH_USER)).isEqualTo(404);
        assertThat(AdminErrors.status(StoreFailure.USER_EXISTS)).isEqualTo(409);
        assertThat(AdminErrors.status(StoreFailure.BAD_USER_NAME)).isEqualTo(400);
    }
}
