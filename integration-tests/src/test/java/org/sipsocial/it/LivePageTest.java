package org.sipsocial.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipsocial.identity.Fingerprint;
import org.sipsocial.identity.SiteName;
import org.sipsocial.testkit.ConsoleBrowser;
import org.sipsocial.testkit.FreePorts;
import org.sipsocial.testkit.Sipp;
import org.sipsocial.testkit.SippScenarios;

/**
 * The console's Live page of a running site in headless Chromium, with SIPp as the phones: a phone that registers
 * shows with its User-Agent and transport, and a call from a phone of another linked site shows while it lasts,
 * with the other site, the media's path and its lost and late packets, and without the other site's addresses;
 * all without a reload. Two sites in this JVM on their own loopback "LAN"s (theSmiths on 127.0.1.1 with its
 * phones on 127.0.1.50, theJoneses on 127.0.2.1 with its phones on 127.0.2.50). Screenshots under
 * {@code target/screenshots/}.
 */
class LivePageTest {
    private static final String ADMIN_PASSWORD = "console staple 42";
    private static final Duration LIMIT = Duration.ofSeconds(40);
    private static final String SMITHS_LAN = "127.0.1.1";
    private static final String SMITHS_PHONES = "127.0.1.50";
    private static final String JONESES_LAN = "127.0.2.1";
    private static final String JONESES_PHONES = "127.0.2.50";

    @TempDir
    Path temp;
    private RunningSite smiths;
    private RunningSite joneses;

    @BeforeEach
    void linkTwoSites() {
        assumeTrue(ConsoleBrowser.available(), ConsoleBrowser.MISSING);
        smiths = RunningSite.start(temp, "theSmiths", Map.of("bob", "bob-pw"), SMITHS_LAN);
        joneses = RunningSite.start(temp, "theJoneses", Map.of("alice", "alice-pw"), JONESES_LAN);
        smiths.administration().setAdminPassword(ADMIN_PASSWORD.toCharArray());
        addSite(smiths, joneses);
        addSite(joneses, smiths);
        smiths.administration().connect(SiteName.of("theJoneses"));
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() ->
                statusLine(smiths, "theJoneses").startsWith("connected") && statusLine(joneses, "theSmiths").startsWith("connected"));
    }

    @AfterEach
    void stopSites() {
        if (joneses != null) joneses.close();
        if (smiths != null) smiths.close();
    }

    @Test
    void the_live_page_shows_a_registered_phone_and_a_call_in_progress_with_another_site_without_a_reload() throws Exception {
        try (ConsoleBrowser browser = ConsoleBrowser.open(smiths.adminPort(), "live")) {
            browser.login(ADMIN_PASSWORD);
            browser.go("/live");
            assertThat(browser.text("#live")).contains("No phone is registered.").contains("No call is in progress.");
            assertThat(browser.find("#chart-rtt-thejoneses").getText()).contains("Round trip to theJoneses");
            browser.screenshot("nothing-yet");

            Path logs = temp.resolve("sipp");
            int bobsPort = FreePorts.tcpAndUdp();
            Process bob = Sipp.in(logs.resolve("bob")).scenario(SippScenarios.scenario("answer.xml")).service("bob")
                    .key("site", "theSmiths").transport(Sipp.Transport.UDP).local(SMITHS_PHONES, bobsPort).calls(1)
                    .limit(LIMIT).start();
            try {
                Sipp.Result registered = Sipp.in(logs.resolve("register")).remote(smiths.sip())
                        .scenario(SippScenarios.scenario("register.xml"))
                        .injection(SippScenarios.credentials(logs, "bob", "bob-pw", "theSmiths", Integer.toString(bobsPort)))
                        .transport(Sipp.Transport.UDP).local(SMITHS_PHONES, FreePorts.tcpAndUdp()).calls(1).limit(LIMIT).run();
                assertThat(registered.allCallsSucceeded()).as(registered.describe()).isTrue();
                browser.waitForText("#phones", "SIPp");
                assertThat(browser.text("#phones tbody tr")).contains("bob").contains("SIPp").contains("UDP").contains("UTC");
                browser.screenshot("a-phone-registered");

                Process alice = Sipp.in(logs.resolve("alice")).remote(joneses.sip())
                        .scenario(SippScenarios.scenario("call-across.xml")).arg("-d", "8000")
                        .injection(SippScenarios.credentials(logs, "alice", "alice-pw", "theJoneses", "bob;theSmiths"))
                        .transport(Sipp.Transport.UDP).local(JONESES_PHONES, FreePorts.tcpAndUdp()).calls(1).limit(LIMIT)
                        .start();
                browser.waitForText("#calls", "alice@theJoneses");
                String call = browser.text("#calls tbody tr");
                assertThat(call).contains("alice@theJoneses").contains("bob@theSmiths").contains("theJoneses")
                        .contains("lost").contains("late from theJoneses")
                        .doesNotContain(JONESES_PHONES).doesNotContain(JONESES_LAN);
                assertThat(browser.text("#chart-calls")).contains("now 1");
                browser.screenshot("a-call-in-progress");
                // The admin API serves the same activity, to the token the site wrote for its administrator.
                assertThat(activityOverTheApi(smiths)).contains("\"caller\":\"alice@theJoneses\"")
                        .contains("\"device\":\"SIPp\"").doesNotContain(JONESES_PHONES);

                Sipp.Result called = Sipp.await(alice, logs.resolve("alice"), LIMIT);
                assertThat(called.allCallsSucceeded()).as(called.describe()).isTrue();
                browser.waitForText("#live", "No call is in progress.");
                browser.screenshot("the-call-ended");
            } finally {
                Sipp.Result answered = Sipp.await(bob, logs.resolve("bob"), LIMIT);
                assertThat(answered.allCallsSucceeded()).as(answered.describe()).isTrue();
            }
        }
    }

    private static String activityOverTheApi(RunningSite site) throws Exception {
        String token = org.sipsocial.store.AdminToken.read(site.home().adminTokenFile()).orElseThrow().value();
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + site.adminPort()
                        + "/api/v1/activity")).header("Authorization", "Bearer " + token).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static void addSite(RunningSite from, RunningSite to) {
        from.administration().addSite(SiteName.of(to.name()), to.linkAddress(), to.siteCertificate(),
                Fingerprint.of(to.siteCertificate()));
    }

    private static String statusLine(RunningSite at, String of) {
        return at.administration().status(SiteName.of(of)).status().text();
    }
}
