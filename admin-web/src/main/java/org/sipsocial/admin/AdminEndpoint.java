package org.sipsocial.admin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;

import org.sipsocial.admin.console.Console;
import org.sipsocial.admin.console.ConsoleTls;
import org.sipsocial.admin.console.ConsoleSite;
import org.sipsocial.store.AdminToken;
import org.sipsocial.store.SiteAdministration;
import org.sipsocial.store.SiteHome;
import org.sipsocial.store.SiteSettings;
import org.sipsocial.store.SiteStore;
import org.sipsocial.store.StoreException;
import org.sipsocial.store.StoreFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API as a running site offers it: a new token, the server on {@code 127.0.0.1:<admin-port>}, and
 * the token written to {@link SiteHome#adminTokenFile()} once the server answers, so that a command that finds
 * the file finds the site listening. Closing deletes the file first, then stops the server.
 */
public final class AdminEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AdminEndpoint.class);

    private final SiteHome home;
    private final AdminServer server;

    private AdminEndpoint(SiteHome home, AdminServer server) {
        this.home = home;
        this.server = server;
    }

    public static AdminEndpoint start(SiteHome home, SiteSettings settings, SiteAdministration administration,
            SiteMetrics metrics, SecureRandom random) {
        return start(home, settings.adminPort(), administration, metrics, random);
    }

    /**
     * The admin API and the web console of the running site whose store is {@code store}: the console logs in
     * with the administrator's password in that store and shows its settings and certificate (never its key).
     */
    public static AdminEndpoint start(SiteStore store, SiteAdministration administration, SiteMetrics metrics,
            SecureRandom random) {
        Console console = new Console(administration, new ConsoleSite(store.settings(), store.identity().certificate(),
                store.adminPasswords()), Clock.systemUTC(), random);
        InetSocketAddress consoleAddress = store.settings().consoleAddress();
        ConsoleTls tls = consoleAddress == null ? null : new ConsoleTls(consoleAddress, store.identity());
        return start(store.home(), store.settings().adminPort(), administration, metrics, random, console, tls);
    }

    /** As {@link #start(SiteHome, SiteSettings, SiteAdministration, SiteMetrics, SecureRandom)}, on {@code port} (0: any free one). */
    public static AdminEndpoint start(SiteHome home, int port, SiteAdministration administration, SiteMetrics metrics,
            SecureRandom random) {
        return start(home, port, administration, metrics, random, null, null);
    }

    private static AdminEndpoint start(SiteHome home, int port, SiteAdministration administration, SiteMetrics metrics,
            SecureRandom random, Console console, ConsoleTls tls) {
        AdminToken token = AdminToken.generate(random);
        AdminServer server = AdminServer.start(administration, metrics,
                new InetSocketAddress(AdminServer.LOOPBACK, port), token, console, tls);
        try {
            token.write(home.adminTokenFile());
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        LOG.info("admin API on http://{}:{}{} (token in {})", server.address().getAddress().getHostAddress(),
                server.port(), AdminRoutes.PREFIX, home.adminTokenFile());
        if (console != null) {
            LOG.info("web console on http://{}:{}/ (log in with the admin password)",
                    server.address().getAddress().getHostAddress(), server.port());
        }
        if (tls != null) {
            LOG.info("web console also on https://{}/ with the site's certificate ({} {})", hostPort(tls.address()),
                    SiteSettings.CONSOLE_ADDRESS, "in site.properties");
        }
        return new AdminEndpoint(home, server);
    }

    private static String hostPort(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(home.adminTokenFile());
        } catch (IOException e) {
            throw new StoreException(StoreFailure.STORE_DAMAGED,
                    "cannot delete the admin token " + home.adminTokenFile() + ": " + e.getMessage(), e);
        } finally {
            server.close();
        }
    }
}
