package org.sipsocial.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipsocial.identity.Fingerprint;
import org.sipsocial.identity.IdentityFailure;
import org.sipsocial.identity.PemCertificates;
import org.sipsocial.identity.SelfSignedCertificateIssuer;
import org.sipsocial.identity.SiteName;
import org.sipsocial.store.SiteAddress;

/** The Network Connection list endpoints of the admin API, against a real store, through a real server. */
class AdminSitesApiTest {
    private static final SelfSignedCertificateIssuer ISSUER = new SelfSignedCertificateIssuer(Clock.systemUTC(), new SecureRandom());

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

    private static X509Certificate certificateOf(String name) {
        return ISSUER.issue(SiteName.of(name)).certificate();
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "\\r").replace("\n", "\\n") + "\"";
    }

    private static String newSite(String name, String address, X509Certificate certificate, String fingerprint) {
        return "{\"name\":" + json(name) + ",\"address\":" + json(address) + ",\"certificate\":"
                + json(PemCertificates.write(certificate)) + ",\"fingerprint\":" + json(fingerprint) + "}";
    }

    private static HttpResponse<String> add(String name, String address, X509Certificate certificate) {
        return site.send("POST", "/api/v1/sites", newSite(name, address, certificate, Fingerprint.of(certificate).opensslLine()));
    }

    private static void assertError(HttpResponse<String> response, int status, String reason, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).isEqualTo("{\"error\":" + json(message) + ",\"reason\":\"" + reason + "\"}");
    }

    @Test
    void post_sites_adds_the_site_pins_its_certificate_and_answers_it_without_a_link_status() {
        X509Certificate certificate = certificateOf("theJoneses");
        HttpResponse<String> response = add("theJoneses", "203.0.113.7", certificate);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(response.body()).startsWith("{\"name\":\"theJoneses\",\"address\":\"203.0.113.7:5070\","
                + "\"host\":\"203.0.113.7\",\"port\":5070,\"fingerprint\":\"" + Fingerprint.of(certificate).colonHex()
                + "\",\"certificate\":" + json(PemCertificates.write(certificate)) + ",\"addedAt\":\"")
                .doesNotContain("linkStatus");
        assertThat(site.store.remoteSites().find(SiteName.of("thejoneses"))).isPresent();
        assertThat(site.store.home().remoteCertificatesDirectory().resolve("thejoneses.pem")).exists();
    }

    @Test
    void get_sites_lists_each_site_with_its_link_status_and_get_one_shows_it() {
        add("listed.example", "[2001:db8::7]:6000", certificateOf("listed.example"));
        HttpResponse<String> list = site.send("GET", "/api/v1/sites", null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).startsWith("{\"sites\":[").containsPattern(
                "\\{\"name\":\"listed.example\",\"address\":\"\\[2001:db8::7\\]:6000\",\"host\":\"2001:db8::7\","
                        + "\"port\":6000,[^}]*\"linkStatus\":\"disconnected\"}");
        HttpResponse<String> one = site.send("GET", "/api/v1/sites/LISTED.example", null);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.body()).startsWith("{\"name\":\"listed.example\"").endsWith(",\"linkStatus\":\"disconnected\"}");
        assertError(site.send("GET", "/api/v1/sites/nowhere.example", null), 404, "NO_SUCH_SITE",
                "no site nowhere.example on the Network Connection list");
    }

    @Test
    void a_fingerprint_that_does_not_match_is_400_with_both_fingerprints() {
        X509Certificate certificate = certificateOf("mismatch.example");
        Fingerprint other = Fingerprint.of(certificateOf("mismatch.example"));
        assertError(site.send("POST", "/api/v1/sites", newSite("mismatch.example", "203.0.113.8", certificate, other.colonHex())),
                400, "FINGERPRINT_MISMATCH", "the certificate's fingerprint does not match the one given, so "
                        + "mismatch.example was not added: certificate " + Fingerprint.of(certificate).colonHex()
                        + ", given " + other.colonHex());
    }

    @Test
    void a_site_cannot_be_added_without_the_confirmed_fingerprint() {
        String body = newSite("unchecked.example", "203.0.113.9", certificateOf("unchecked.example"), "x")
                .replaceFirst(",\"fingerprint\":\"x\"", "");
        assertError(site.send("POST", "/api/v1/sites", body), 400, "BAD_REQUEST", "\"fingerprint\" is missing");
    }

    @Test
    void bad_names_addresses_certificates_and_fingerprints_are_400_with_their_reasons() {
        X509Certificate certificate = certificateOf("bad.example");
        String fingerprint = Fingerprint.of(certificate).colonHex();
        assertError(site.send("POST", "/api/v1/sites", newSite("bad_name", "203.0.113.7", certificate, fingerprint)), 400,
                "BAD_SITE_NAME", "bad site name \"bad_name\": '_' is not allowed (only letters, digits, '-' and '.')");
        assertError(site.send("POST", "/api/v1/sites", newSite("bad.example", "203.0.113.7:0", certificate, fingerprint)),
                400, "BAD_ADDRESS", "bad address \"203.0.113.7:0\": the port 0 is not 1 to 65535");
        assertThat(site.send("POST", "/api/v1/sites", "{\"name\":\"bad.example\",\"address\":\"203.0.113.7\","
                + "\"certificate\":\"not a certificate\",\"fingerprint\":\"" + fingerprint + "\"}").body())
                .contains("\"reason\":\"BAD_CERTIFICATE\"");
        assertThat(site.send("POST", "/api/v1/sites", newSite("bad.example", "203.0.113.7", certificate, "12:34")).body())
                .contains("\"reason\":\"BAD_FINGERPRINT\"");
        assertThat(add("other.example", "203.0.113.7", certificate).body())
                .contains("the certificate does not name other.example").contains("\"reason\":\"BAD_CERTIFICATE\"");
        Instant notAfter = Instant.parse("2025-01-31T00:00:00Z");
        X509Certificate expired = ISSUER.issue(SiteName.of("old.example"), notAfter.minus(30, ChronoUnit.DAYS), notAfter)
                .certificate();
        assertError(add("old.example", "203.0.113.7", expired), 400, "BAD_CERTIFICATE", "the certificate of old.example "
                + "expired on 2025-01-31 00:00:00 UTC (notAfter); ask its administrator for a current one");
        assertThat(site.store.remoteSites().list()).noneMatch(remote -> remote.name().key().contains("bad")
                || remote.name().key().contains("old") || remote.name().key().contains("other"));
    }

    @Test
    void adding_a_site_twice_is_409_site_exists() {
        add("twice.example", "203.0.113.7", certificateOf("twice.example"));
        assertThat(add("TWICE.example", "203.0.113.7", certificateOf("twice.example")).statusCode()).isEqualTo(409);
    }

    @Test
    void delete_site_removes_it_and_its_certificate_file_and_a_second_delete_is_404() {
        add("gone.example", "203.0.113.7", certificateOf("gone.example"));
        assertThat(site.send("DELETE", "/api/v1/sites/gone.example", null).statusCode()).isEqualTo(204);
        assertThat(site.store.home().remoteCertificatesDirectory().resolve("gone.example.pem")).doesNotExist();
        assertError(site.send("DELETE", "/api/v1/sites/gone.example", null), 404, "NO_SUCH_SITE",
                "no site gone.example on the Network Connection list");
    }

    @Test
    void put_address_moves_the_site_and_a_bad_address_is_400() {
        add("moving.example", "203.0.113.7", certificateOf("moving.example"));
        HttpResponse<String> moved = site.send("PUT", "/api/v1/sites/moving.example/address", "{\"address\":\"moved.example.org:5071\"}");
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        assertThat(moved.body()).startsWith("{\"name\":\"moving.example\",\"address\":\"moved.example.org:5071\"");
        assertThat(site.store.remoteSites().find(SiteName.of("moving.example")).orElseThrow().address())
                .isEqualTo(SiteAddress.parse("moved.example.org:5071"));
        assertError(site.send("PUT", "/api/v1/sites/moving.example/address", "{\"address\":\"[::1\"}"), 400, "BAD_ADDRESS",
                "bad address \"[::1\": an IPv6 address opened with '[' is not closed with ']'");
        assertThat(site.send("PUT", "/api/v1/sites/nowhere.example/address", "{\"address\":\"203.0.113.7\"}").statusCode())
                .isEqualTo(404);
    }

    @Test
    void every_identity_failure_has_an_http_status() {
        for (IdentityFailure failure : EnumSet.allOf(IdentityFailure.class)) {
            assertThat(AdminErrors.status(failure)).as(failure.name()).isBetween(400, 599);
        }
        assertThat(AdminErrors.status(IdentityFailure.BAD_SITE_NAME)).isEqualTo(400);
    }
}
