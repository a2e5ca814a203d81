package org.sipsocial.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipsocial.identity.PemCertificates;
import org.sipsocial.testkit.ConsoleBrowser;

/**
 * The console in a real headless Chromium: logging in, a user's password shown once, a remote site added only
 * after its fingerprint was compared. Screenshots of each page go to {@code target/screenshots/}.
 */
class ConsoleInBrowserTest {
    @TempDir
    static Path temp;
    private static RunningSite smiths;
    private static RunningSite joneses;

    @BeforeAll
    static void start() {
        assumeTrue(ConsoleBrowser.available(), ConsoleBrowser.MISSING);
        smiths = RunningSite.start(temp.resolve("smiths"), "theSmiths");
        joneses = RunningSite.start(temp.resolve("joneses"), "theJoneses");
    }

    @AfterAll
    static void stop() {
        if (smiths != null) smiths.close();
        if (joneses != null) joneses.close();
    }

    @Test
    void a_wrong_password_is_refused_then_throttled_and_the_right_one_opens_this_site() {
        try (ConsoleBrowser browser = ConsoleBrowser.open(joneses.server.port(), "login")) {
            browser.go("/users");
            assertThat(browser.driver().getCurrentUrl()).endsWith("/login");
            browser.screenshot("login");
            for (String wrong : new String[] {"guess one", "guess two", "guess three"}) {
                browser.login(wrong);
                assertThat(browser.text("#message")).startsWith("Wrong password");
            }
            browser.screenshot("wrong-password");
            browser.login(RunningSite.ADMIN_PASSWORD);
            assertThat(browser.text("#message")).contains("Too many wrong passwords from 127.0.0.1: wait");
            browser.screenshot("throttled");
        }
        try (ConsoleBrowser browser = ConsoleBrowser.open(smiths.server.port(), "this-site")) {
            browser.login(RunningSite.ADMIN_PASSWORD);
            assertThat(browser.driver().getCurrentUrl()).endsWith("/site");
            assertThat(browser.text("#fingerprint")).isEqualTo(smiths.store.identity().fingerprint().colonHex());
            assertThat(browser.find("img.qr").getAttribute("naturalWidth")).isNotEqualTo("0");
            browser.screenshot("this-site");
        }
    }

    @Test
    void a_user_added_in_the_console_sees_its_generated_password_once() {
        try (ConsoleBrowser browser = ConsoleBrowser.open(smiths.server.port(), "add-user")) {
            browser.login(RunningSite.ADMIN_PASSWORD);
            browser.go("/users");
            browser.type("#name", "alice");
            browser.submit("#add");
            String password = browser.text("#password");
            assertThat(password).hasSize(20);
            assertThat(browser.pageText()).contains("alice@theSmiths added").contains("this once");
            browser.screenshot("password-once");

            browser.driver().navigate().refresh();
            browser.go("/users");
            assertThat(browser.pageText()).contains("alice@theSmiths").doesNotContain(password);
            browser.screenshot("users");
            browser.driver().navigate().back();
            assertThat(browser.pageText()).doesNotContain(password);

            browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
            browser.go("/users");
            assertThat(browser.find("#add").isDisplayed()).isTrue();
            browser.screenshot("users-on-a-phone");
            browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1100, 900));

            browser.go("/users/alice/phone");
            assertThat(browser.pageText()).contains("theSmiths").doesNotContain(password);
            browser.screenshot("phone-settings");

            browser.go("/users");
            browser.click("tr[data-user=alice] button.remove");
            assertThat(browser.driver().switchTo().alert().getText()).startsWith("Remove alice@theSmiths?");
            browser.driver().switchTo().alert().dismiss();
            assertThat(smiths.store.users().list()).extracting(user -> user.name().toString()).contains("alice");
            browser.click("tr[data-user=alice] button.remove");
            browser.driver().switchTo().alert().accept();
            browser.waitForText("#message", "alice@theSmiths is removed");
            assertThat(smiths.store.users().list()).extracting(user -> user.name().toString()).doesNotContain("alice");
            browser.screenshot("user-removed");
        }
    }

    @Test
    void a_remote_site_is_saved_only_after_its_fingerprint_was_shown_and_confirmed() throws Exception {
        Path certificate = temp.resolve("theJoneses.pem");
        Files.writeString(certificate, PemCertificates.write(joneses.store.identity().certificate()));
        try (ConsoleBrowser browser = ConsoleBrowser.open(smiths.server.port(), "add-site")) {
            browser.login(RunningSite.ADMIN_PASSWORD);
            browser.go("/network");
            browser.screenshot("network-empty");
            browser.type("#name", "theJoneses");
            browser.type("#address", "127.0.0.1:5999");
            browser.find("#certificateFile").sendKeys(certificate.toAbsolutePath().toString());
            browser.submit("#check");

            assertThat(browser.text("#fingerprint")).isEqualTo(joneses.store.identity().fingerprint().colonHex());
            assertThat(smiths.store.remoteSites().list()).isEmpty();
            browser.screenshot("compare-fingerprint");

            browser.click("#save");
            assertThat(browser.driver().getCurrentUrl()).as("not sent unticked").endsWith("/network/check");
            assertThat(smiths.store.remoteSites().list()).isEmpty();

            browser.click("#confirmed");
            browser.submit("#save");
            assertThat(browser.driver().getCurrentUrl()).endsWith("/network");
            assertThat(browser.text("#message")).contains("theJoneses is on the Network Connection list");
            assertThat(browser.text("tr[data-site=theJoneses]")).contains(joneses.store.identity().fingerprint().colonHex())
                    .contains("127.0.0.1:5999");
            assertThat(smiths.store.remoteSites().list()).hasSize(1);
            browser.screenshot("network-with-site");
        }
    }
}
