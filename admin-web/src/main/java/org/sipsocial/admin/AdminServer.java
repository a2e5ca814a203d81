package org.sipsocial.admin;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.util.JavalinBindException;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.sipsocial.admin.console.Console;
import org.sipsocial.admin.console.ConsoleTls;
import org.sipsocial.store.AdminToken;
import org.sipsocial.store.SiteAdministration;
import org.sipsocial.store.StoreException;
import org.sipsocial.store.StoreFailure;

/**
 * The admin API and the web console of a running site, served by Javalin on a loopback address: the API is for
 * the administrator on this machine (the CLI), who proves it by presenting the token the site wrote to a file
 * only its owner can read; the console ({@link Console}, every path outside {@value AdminRoutes#PREFIX}) is for
 * the administrator in a browser, who logs in with the admin password. The console alone may also be served
 * over HTTPS on a configured address ({@link ConsoleTls}).
 */
public final class AdminServer implements AutoCloseable {
    /** 127.0.0.1: where a running site's admin API listens, and where the CLI looks for it. */
    public static final InetAddress LOOPBACK = loopback();
    /** Requests are small JSON objects; anything larger is refused unread. */
    static final long MAX_REQUEST_BYTES = 16 * 1024;
    private static final int MAX_THREADS = 16;
    private static final int MIN_THREADS = 2;

    private final Javalin javalin;
    private final InetSocketAddress address;
    private final Console console;

    private AdminServer(Javalin javalin, InetSocketAddress address, Console console) {
        this.javalin = javalin;
        this.address = address;
        this.console = console;
    }

    /**
     * Serves {@code administration} on {@code address}, which must be a loopback address (port 0 picks a free
     * port), to requests that bear {@code token}.
     */
    public static AdminServer start(SiteAdministration administration, InetSocketAddress address, AdminToken token) {
        return start(administration, SiteMetrics.NONE, address, token);
    }

    /** As {@link #start(SiteAdministration, InetSocketAddress, AdminToken)}, also serving {@code metrics}. */
    public static AdminServer start(SiteAdministration administration, SiteMetrics metrics, InetSocketAddress address,
            AdminToken token) {
        return start(administration, metrics, address, token, null);
    }

    /**
     * As {@link #start(SiteAdministration, SiteMetrics, InetSocketAddress, AdminToken)}, also serving the web
     * {@code console} (when not null) on every path outside {@value AdminRoutes#PREFIX}.
     */
    public static AdminServer start(SiteAdministration administration, SiteMetrics metrics, InetSocketAddress address,
            AdminToken token, Console console) {
        return start(administration, metrics, address, token, console, null);
    }

    /**
     * As {@link #start(SiteAdministration, SiteMetrics, InetSocketAddress, AdminToken, Console)}, the console also
     * served over HTTPS as {@code tls} says (when not null). The admin API answers on {@code address} only: a
     * request for it over HTTPS is refused as an unknown endpoint.
     */
    public static AdminServer start(SiteAdministration administration, SiteMetrics metrics, InetSocketAddress address,
            AdminToken token, Console console, ConsoleTls tls) {
        if (tls != null && console == null) {
            throw new IllegalArgumentException("HTTPS is for the console, and there is none");
        }
        if (address.isUnresolved() || !address.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("the admin API listens on loopback only, not on " + address);
        }
        String host = address.getAddress().getHostAddress();
        Javalin javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            config.jetty.threadPool = new QueuedThreadPool(MAX_THREADS, MIN_THREADS);
            BearerTokenCheck bearer = new BearerTokenCheck(token);
            if (tls != null) {
                SecureRandom random = new SecureRandom();
                config.jetty.addConnector((server, http) -> tls.connector(server, http, random));
            }
            config.routes.before(ctx -> {
                if (AdminRoutes.isApi(ctx.path()) && "https".equals(ctx.scheme())) {
                    throw new AdminRequestException(AdminRefusal.NO_SUCH_ENDPOINT,
                            "the admin API answers on " + host + " only, not on the console's HTTPS address");
                }
                if (console == null || AdminRoutes.isApi(ctx.path())) {
                    bearer.handle(ctx);
                } else {
                    console.guard().handle(ctx);
                }
            });
            new AdminRoutes(administration, metrics).install(config.routes);
            if (console != null) {
                config.staticFiles.add(files -> {
                    files.hostedPath = "/static";
                    files.directory = "/console";
                    files.location = Location.CLASSPATH;
                });
                config.staticFiles.enableWebjars();
                console.install(config.routes);
            }
            AdminErrors.install(config);
        });
        try {
            javalin.start(host, address.getPort());
        } catch (JavalinBindException e) {
            if (console != null) {
                console.close();
            }
            if (tls != null) {
                throw new StoreException(StoreFailure.BAD_SETTING, "admin-port " + address.getPort() + " on " + host
                        + " or console-address " + tls.address().getAddress().getHostAddress() + ":"
                        + tls.address().getPort() + " is taken by another program or is not an address of this "
                        + "machine; choose others in site.properties", e);
            }
            throw new StoreException(StoreFailure.BAD_SETTING, "admin-port " + address.getPort() + " on " + host
                    + " is taken by another program; choose another admin-port in site.properties", e);
        }
        return new AdminServer(javalin, new InetSocketAddress(address.getAddress(), javalin.port()), console);
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The address it listens on, with the port it bound. */
    public InetSocketAddress address() {
        return address;
    }

    public int port() {
        return address.getPort();
    }

    /** Stops serving, and the console's sampling. */
    @Override
    public void close() {
        try {
            javalin.stop();
        } finally {
            if (console != null) {
                console.close();
            }
        }
    }
}
