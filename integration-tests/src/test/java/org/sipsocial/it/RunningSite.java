package org.sipsocial.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Map;

import org.sipsocial.identity.PemCertificates;
import org.sipsocial.identity.SiteName;
import org.sipsocial.server.SiteRuntime;
import org.sipsocial.store.Argon2idCost;
import org.sipsocial.store.Passphrase;
import org.sipsocial.store.SiteAddress;
import org.sipsocial.store.SiteAdministration;
import org.sipsocial.store.SiteHome;
import org.sipsocial.store.SiteSettings;
import org.sipsocial.store.SiteSetup;
import org.sipsocial.store.SiteStore;
import org.sipsocial.store.UserName;
import org.sipsocial.testkit.FreePorts;

/** A whole site running in this JVM on loopback, on free ports, with the users a test names. */
final class RunningSite implements AutoCloseable {
    static final String PASSPHRASE = "correct horse battery staple";

    private final SiteRuntime runtime;
    private final SiteHome home;
    private final SiteSettings settings;
    private final Path certificate;

    private RunningSite(SiteRuntime runtime, SiteHome home, SiteSettings settings, Path certificate) {
        this.runtime = runtime;
        this.home = home;
        this.settings = settings;
        this.certificate = certificate;
    }

    /** A site on the default settings (digest challenges included), as {@code sipsocial init} makes it. */
    static RunningSite start(Path folder, String site, Map<String, String> users) {
        return start(folder, site, users, "127.0.0.1");
    }

    /** A site bound to {@code bindAddress} (any loopback address: tests give each site its own "LAN" address). */
    static RunningSite start(Path folder, String site, Map<String, String> users, String bindAddress) {
        return start(folder, site, users, bindAddress, SiteSettings.LinkTiming.DEFAULTS);
    }

    /** A site bound to {@code bindAddress} whose links keep the given timing. */
    static RunningSite start(Path folder, String site, Map<String, String> users, String bindAddress,
            SiteSettings.LinkTiming linkTiming) {
        SiteHome home = new SiteHome(folder.resolve(site));
        SiteSettings settings = new SiteSettings(SiteName.of(site), bindAddress, FreePorts.tcpAndUdp(), FreePorts.tcpAndUdp(),
                FreePorts.tcpAndUdp(), FreePorts.tcpAndUdp(), SiteSettings.DEFAULT_DIGEST_ALGORITHMS, linkTiming)
                // Sites in the test JVM run on this machine's own network: they must never ask its router for anything.
                .withPortMapping(false);
        new SiteSetup(Clock.systemUTC(), new SecureRandom(), Argon2idCost.FOR_TESTS)
                .create(home, settings, Passphrase.of(PASSPHRASE.toCharArray()));
        SiteStore store = SiteStore.open(home, Passphrase.of(PASSPHRASE.toCharArray()), Clock.systemUTC());
        users.forEach((name, password) -> store.users().add(UserName.of(name), password.toCharArray()));
        Path certificate = folder.resolve(site + ".pem");
        try {
            Files.writeString(certificate, PemCertificates.write(store.identity().certificate()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RunningSite(SiteRuntime.start(store, new SecureRandom()), home, settings, certificate);
    }

    /** Stops this site (as SIGTERM does) and starts it again from its home. */
    RunningSite restart() {
        runtime.stop();
        SiteStore store = SiteStore.open(home, Passphrase.of(PASSPHRASE.toCharArray()), Clock.systemUTC());
        return new RunningSite(SiteRuntime.start(store, new SecureRandom()), home, settings, certificate);
    }

    String name() {
        return settings.site().toString();
    }

    InetSocketAddress sip() {
        return new InetSocketAddress(settings.bindAddress(), settings.sipPort());
    }

    InetSocketAddress sips() {
        return new InetSocketAddress(settings.bindAddress(), settings.sipsPort());
    }

    /** Where the site takes links from other sites. */
    SiteAddress linkAddress() {
        return new SiteAddress(settings.bindAddress(), settings.linkPort());
    }

    /** Where the site serves its admin API and web console, on 127.0.0.1. */
    /** The site's home folder (its admin token file among the rest). */
    SiteHome home() {
        return home;
    }

    int adminPort() {
        return settings.adminPort();
    }

    /** The running site's administration, as its admin API serves it. */
    SiteAdministration administration() {
        return runtime.administration();
    }

    /** The site's own certificate, as {@code cert export} gives it to the other administrator. */
    X509Certificate siteCertificate() {
        return PemCertificates.read(readBytes(certificate), certificate.toString());
    }

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The site's certificate as PEM, for a TLS client to pin. */
    Path certificate() {
        return certificate;
    }

    SiteRuntime runtime() {
        return runtime;
    }

    /** The site's metrics, read as an administrator would: from its admin API with the token in its home. */
    String metrics() throws IOException, InterruptedException {
        String token = Files.readString(home.adminTokenFile()).trim();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + settings.adminPort() + "/api/v1/metrics"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("metrics answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    @Override
    public void close() {
        runtime.stop();
    }
}
