package org.sipsocial.admin.console;

import java.security.SecureRandom;
import java.time.Clock;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import org.sipsocial.store.SiteAdministration;

/**
 * The administrator's web console: pages rendered on the server from the same {@link SiteAdministration}
 * methods the CLI and the JSON API call, behind a login; no logic of its own. {@link #guard()} runs before
 * every console request, {@link #install} adds the pages; {@link #close} stops the Live page's sampling.
 */
public final class Console implements AutoCloseable {
    private final ConsoleGuard guard;
    private final LoginPage login;
    private final SitePage sitePage;
    private final NetworkPages network;
    private final UserPages users;
    private final LivePage live;
    private final LiveSampler sampler;

    public Console(SiteAdministration administration, ConsoleSite site, Clock clock, SecureRandom random) {
        ConsoleSessions sessions = new ConsoleSessions(clock, random);
        SessionCookie cookie = new SessionCookie();
        ConsoleTemplates templates = new ConsoleTemplates();
        ConsoleActions actions = new ConsoleActions(administration);
        this.guard = new ConsoleGuard(sessions, cookie);
        this.login = new LoginPage(sessions, cookie, new LoginThrottle(clock), site.adminPasswords(), templates,
                site.settings().site().toString());
        this.sitePage = new SitePage(actions, site, templates);
        this.network = new NetworkPages(actions, templates);
        this.users = new UserPages(actions, site, templates);
        LiveHistory history = new LiveHistory();
        this.live = new LivePage(actions, templates, history);
        this.sampler = new LiveSampler(administration, history, LiveHistory.EVERY);
    }

    public Handler guard() {
        return guard;
    }

    public void install(RoutesConfig routes) {
        login.install(routes);
        sitePage.install(routes);
        network.install(routes);
        users.install(routes);
        live.install(routes);
    }

    /** Stops sampling the Live page's charts. */
    @Override
    public void close() {
        sampler.close();
    }
}
