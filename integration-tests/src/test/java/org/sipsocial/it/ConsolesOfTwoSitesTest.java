package org.sipsocial.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipsocial.testkit.ConsoleBrowser;

/**
 * Two whole sites in this JVM, each driven from its own web console in headless Chromium, as two administrators
 * would: each adds the other after comparing fingerprints, one presses Connect, both consoles show the link up
 * without a reload; a Disconnect on one shows on the other who disconnected, and a removal leaves its own event; a
 * refusal and a NAT timeout reach the Status Message line. Screenshots of each page go to {@code target/screenshots/}.
 */
class ConsolesOfTwoSitesTest {
    private static final String ADMIN_PASSWORD = "console staple 42";
    /** A peer that takes TCP but never answers TLS is given up on after the link's handshake timeout (10 s). */
    private static final Duration HANDSHAKE_TIMEOUT_AND_MORE = Duration.ofSeconds(20);

    @TempDir
    Path temp;
    private RunningSite smiths;
    private RunningSite joneses;

    @BeforeEach
    void start() {
        assumeTrue(ConsoleBrowser.available(), ConsoleBrowser.MISSING);
        smiths = RunningSite.start(temp, "theSmiths", Map.of());
        joneses = RunningSite.start(temp, "theJoneses", Map.of());
        smiths.administration().setAdminPassword(ADMIN_PASSWORD.toCharArray());
        joneses.administration().setAdminPassword(ADMIN_PASSWORD.toCharArray());
    }

    @AfterEach
    void stop() {
        if (joneses != null) joneses.close();
        if (smiths != null) smiths.close();
    }

    @Test
    void two_administrators_link_their_sites_from_their_consoles_and_each_sees_the_other_disconnect() {
        try (ConsoleBrowser atSmiths = browser(smiths, "link-smiths");
             ConsoleBrowser atJoneses = browser(joneses, "link-joneses")) {
            addFromConsole(atSmiths, joneses);
            addFromConsole(atJoneses, smiths);

            atSmiths.submit("tr[data-site=theJoneses] button.connect");
            atSmiths.waitForText("tr[data-site=theJoneses] .status", "connected since");
            atJoneses.waitForText("tr[data-site=theSmiths] .status", "connected since");
            atJoneses.waitForText("#status-text", "theSmiths: connected, initiated by theSmiths");
            atSmiths.screenshot("connected");
            atJoneses.screenshot("connected");

            atJoneses.submit("tr[data-site=theSmiths] button.disconnect");
            atSmiths.waitForText("tr[data-site=theJoneses] .status", "disconnected by theJoneses");
            atSmiths.waitForText("#status-text", "theJoneses: disconnected by theJoneses");
            atSmiths.screenshot("disconnected-by-the-other-side");
            atJoneses.screenshot("disconnected-here");

            // Removed from the list, the site is no longer named by the latest event as if it were there.
            atSmiths.click("tr[data-site=theJoneses] button.remove");
            atSmiths.driver().switchTo().alert().accept();
            atSmiths.waitForText("#status-text", "theJoneses: removed from the Network Connection list");
            assertThat(atSmiths.pageText()).doesNotContain("disconnected by theJoneses");
            atSmiths.screenshot("removed");
        }
    }

    @Test
    void a_refusal_and_a_timeout_that_asks_the_other_administrator_to_connect_reach_the_status_message_line()
            throws IOException {
        int nothing;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nothing = probe.getLocalPort();
        }
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             ConsoleBrowser atSmiths = browser(smiths, "refusal-and-timeout")) {
            addFromConsole(atSmiths, joneses, "127.0.0.1:" + nothing);
            atSmiths.submit("tr[data-site=theJoneses] button.connect");
            atSmiths.waitForText("#status-text", "theJoneses: refused: nothing listens on 127.0.0.1:" + nothing);
            atSmiths.screenshot("refused");

            atSmiths.type("tr[data-site=theJoneses] input[name=address]", "127.0.0.1:" + silent.getLocalPort());
            atSmiths.submit("tr[data-site=theJoneses] form[action$=address] button");
            atSmiths.submit("tr[data-site=theJoneses] button.connect");
            atSmiths.waitForText("#status-text", "theJoneses: timeout: no answer from 127.0.0.1:" + silent.getLocalPort()
                    + " (if it is behind a NAT, ask its administrator to connect now)", HANDSHAKE_TIMEOUT_AND_MORE);
            atSmiths.screenshot("timeout");
        }
    }

    private static ConsoleBrowser browser(RunningSite site, String test) {
        ConsoleBrowser browser = ConsoleBrowser.open(site.adminPort(), test);
        browser.login(ADMIN_PASSWORD);
        return browser;
    }

    private static void addFromConsole(ConsoleBrowser browser, RunningSite other) {
        addFromConsole(browser, other, other.linkAddress().toString());
    }

    /** Adds {@code other} at {@code address} with its certificate file, after comparing its fingerprint. */
    private static void addFromConsole(ConsoleBrowser browser, RunningSite other, String address) {
        browser.go("/network");
        browser.type("#name", other.name());
        browser.type("#address", address);
        browser.find("#certificateFile").sendKeys(other.certificate().toAbsolutePath().toString());
        browser.submit("#check");
        assertThat(browser.text("#fingerprint")).isEqualTo(
                org.sipsocial.identity.Fingerprint.of(other.siteCertificate()).colonHex());
        browser.screenshot("compare-" + other.name());
        browser.click("#confirmed");
        browser.submit("#save");
        assertThat(browser.text("#message")).contains(other.name() + " is on the Network Connection list");
    }
}
