package org.sipsocial.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipsocial.admin.console.Console;
import org.sipsocial.admin.console.ConsoleSite;
import org.sipsocial.admin.console.ConsoleTls;
import org.sipsocial.identity.Fingerprint;
import org.sipsocial.store.AdminToken;
import org.sipsocial.store.StoreAdministration;
import org.sipsocial.store.StoreException;
import org.sipsocial.testkit.FreePorts;

/**
 * The console on a configured address: over HTTPS with the site's own certificate only, with a Secure
 * {@code __Host-} cookie, and without the admin API, which stays on 127.0.0.1.
 */
class ConsoleOverHttpsTest {
    @TempDir
    static Path temp;
    private static RunningSite site;
    private static AdminServer server;
    private static InetSocketAddress consoleAddress;

    @BeforeAll
    static void start() throws IOException {
        site = RunningSite.start(temp.resolve("smiths"), "theSmiths");
        consoleAddress = new InetSocketAddress(InetAddress.getByName("127.0.5.1"), FreePorts.tcpAndUdp());
        StoreAdministration administration = new StoreAdministration(site.store, new SecureRandom());
        Console console = new Console(administration, new ConsoleSite(site.store.settings(),
                site.store.identity().certificate(), site.store.adminPasswords()), Clock.systemUTC(), new SecureRandom());
        server = AdminServer.start(administration, SiteMetrics.NONE, new InetSocketAddress(AdminServer.LOOPBACK, 0),
                AdminToken.generate(new SecureRandom()), console, new ConsoleTls(consoleAddress, site.store.identity()));
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
        site.close();
    }

    @Test
    void the_configured_address_serves_the_login_page_over_https_with_the_sites_certificate_and_a_secure_cookie()
            throws Exception {
        HttpsURLConnection connection = https("/login");
        assertThat(connection.getResponseCode()).isEqualTo(200);
        X509Certificate presented = (X509Certificate) connection.getServerCertificates()[0];
        assertThat(Fingerprint.of(presented)).isEqualTo(site.store.identity().fingerprint());
        assertThat(connection.getHeaderField("Set-Cookie")).startsWith("__Host-sipsocial-console=")
                .contains("; Secure", "HttpOnly", "SameSite=Strict");
        assertThat(connection.getHeaderField("Content-Security-Policy")).contains("frame-ancestors 'none'");
        connection.disconnect();
    }

    @Test
    void plain_http_on_the_configured_address_gets_no_page() throws IOException {
        try (Socket socket = new Socket(consoleAddress.getAddress(), consoleAddress.getPort())) {
            socket.setSoTimeout(2000);
            socket.getOutputStream().write("GET /login HTTP/1.1\r\nHost: 127.0.5.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String answer;
            try {
                answer = new String(socket.getInputStream().readNBytes(4096), StandardCharsets.ISO_8859_1);
            } catch (SocketTimeoutException silence) {
                answer = "";
            }
            assertThat(answer).doesNotContain("200 OK").doesNotContain("password");
        }
    }

    @Test
    void the_admin_api_is_not_served_on_the_consoles_https_address() throws Exception {
        HttpsURLConnection connection = https("/api/v1/site");
        connection.setRequestProperty("Authorization", "Bearer " + site.token.value());
        assertThat(connection.getResponseCode()).isEqualTo(404);
        try (InputStream error = connection.getErrorStream()) {
            assertThat(new String(error.readAllBytes())).contains("the admin API answers on 127.0.0.1 only");
        }
        connection.disconnect();
    }

    @Test
    void a_console_address_that_is_not_this_machines_is_refused_at_start_naming_the_setting() throws IOException {
        InetSocketAddress elsewhere = new InetSocketAddress(InetAddress.getByName("192.0.2.1"), FreePorts.tcpAndUdp());
        StoreAdministration administration = new StoreAdministration(site.store, new SecureRandom());
        Console console = new Console(administration, new ConsoleSite(site.store.settings(),
                site.store.identity().certificate(), site.store.adminPasswords()), Clock.systemUTC(), new SecureRandom());
        assertThatThrownBy(() -> AdminServer.start(administration, SiteMetrics.NONE,
                new InetSocketAddress(AdminServer.LOOPBACK, 0), AdminToken.generate(new SecureRandom()), console,
                new ConsoleTls(elsewhere, site.store.identity())))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("console-address 192.0.2.1:" + elsewhere.getPort())
                .hasMessageContaining("is not an address of this machine");
    }

    /** A request to the console's HTTPS address, trusting the site's certificate alone (as a browser told to). */
    private static HttpsURLConnection https(String path) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("site", site.store.identity().certificate());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), new SecureRandom());
        HttpsURLConnection connection = (HttpsURLConnection) new URL("https://127.0.5.1:" + consoleAddress.getPort()
                + path).openConnection();
        connection.setSSLSocketFactory(tls.getSocketFactory());
        // The certificate names the site, not 127.0.5.1: the pinned certificate is what is checked here.
        connection.setHostnameVerifier((host, session) -> true);
        connection.setConnectTimeout(5000);
        connection.setReadTimeout(5000);
        return connection;
    }
}
