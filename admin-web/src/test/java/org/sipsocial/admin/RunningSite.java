package org.sipsocial.admin;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.sipsocial.admin.console.Console;
import org.sipsocial.admin.console.ConsoleSite;
import org.sipsocial.identity.SiteName;
import org.sipsocial.store.AdminToken;
import org.sipsocial.store.Argon2idCost;
import org.sipsocial.store.Passphrase;
import org.sipsocial.store.SiteHome;
import org.sipsocial.store.SiteSettings;
import org.sipsocial.store.SiteSetup;
import org.sipsocial.store.SiteStore;
import org.sipsocial.store.StoreAdministration;

/**
 * A site set up in a folder (with {@link #ADMIN_PASSWORD} as its console password), opened, and served by an
 * {@link AdminServer} with its web console on an ephemeral loopback port.
 */
final class RunningSite implements AutoCloseable {
    static final String PASSPHRASE = "correct horse battery staple";
    /** The administrator's console password of every test site. */
    static final String ADMIN_PASSWORD = "console staple 42";

    final SiteStore store;
    final AdminToken token;
    final AdminServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningSite(SiteStore store, AdminToken token, AdminServer server) {
        this.store = store;
        this.token = token;
        this.server = server;
    }

    static RunningSite start(Path root, String site) {
        return start(root, site, Clock.systemUTC());
    }

    /** As {@link #start(Path, String)}, the console's sessions and login throttle on {@code clock}. */
    static RunningSite start(Path root, String site, Clock clock) {
        return start(root, site, clock, java.util.function.UnaryOperator.identity());
    }

    /**
     * As {@link #start(Path, String, Clock)}, the console and the API served {@code around} the store's
     * administration (a test's stand-in for what only a running site knows, such as its network status).
     */
    static RunningSite start(Path root, String site, Clock clock,
                             java.util.function.UnaryOperator<org.sipsocial.store.SiteAdministration> around) {
        SiteHome home = new SiteHome(root);
        try (Passphrase passphrase = Passphrase.of(PASSPHRASE.toCharArray())) {
            new SiteSetup(Clock.systemUTC(), new SecureRandom(), Argon2idCost.FOR_TESTS)
                    .create(home, SiteSettings.withDefaults(SiteName.of(site)).withPortMapping(false), passphrase,
                            Optional.of(ADMIN_PASSWORD.toCharArray()));
        }
        SiteStore store;
        try (Passphrase passphrase = Passphrase.of(PASSPHRASE.toCharArray())) {
            store = SiteStore.open(home, passphrase, Clock.systemUTC());
        }
        AdminToken token = AdminToken.generate(new SecureRandom());
        org.sipsocial.store.SiteAdministration administration =
                around.apply(new StoreAdministration(store, new SecureRandom()));
        Console console = new Console(administration, new ConsoleSite(store.settings(), store.identity().certificate(),
                store.adminPasswords()), clock, new SecureRandom());
        AdminServer server = AdminServer.start(administration, SiteMetrics.NONE,
                new InetSocketAddress(AdminServer.LOOPBACK, 0), token, console);
        return new RunningSite(store, token, server);
    }

    HttpResponse<String> send(String method, String path, String body) {
        return send(method, path, body, "Bearer " + token.value());
    }

    HttpResponse<String> send(String method, String path, String body, String authorization) {
        return send(server.port(), method, path, body, authorization);
    }

    HttpResponse<String> send(int port, String method, String path, String body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Percent-encodes every character but ALPHA / DIGIT / "-" / "_" / "~" (RFC 3986 §2.1), as the CLI does. */
    static String pathSegment(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20").replace(".", "%2E")
                .replace("*", "%2A");
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            store.close();
        }
    }
}
