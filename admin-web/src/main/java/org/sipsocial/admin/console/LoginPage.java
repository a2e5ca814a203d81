package org.sipsocial.admin.console;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Semaphore;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.sipsocial.store.AdminPasswords;

/**
 * The login page: the administrator's password against its Argon2id hash, each source address
 * {@link LoginThrottle throttled}. A success starts a new session; logging out ends it. At most
 * {@link #CONCURRENT_CHECKS} passwords are hashed at once, so a burst of logins cannot take all the memory.
 */
final class LoginPage {
    static final int CONCURRENT_CHECKS = 2;

    private final ConsoleSessions sessions;
    private final SessionCookie cookie;
    private final LoginThrottle throttle;
    private final AdminPasswords passwords;
    private final ConsoleTemplates templates;
    private final String site;
    private final Semaphore checks = new Semaphore(CONCURRENT_CHECKS, true);

    LoginPage(ConsoleSessions sessions, SessionCookie cookie, LoginThrottle throttle, AdminPasswords passwords,
            ConsoleTemplates templates, String site) {
        this.sessions = sessions;
        this.cookie = cookie;
        this.throttle = throttle;
        this.passwords = passwords;
        this.templates = templates;
        this.site = site;
    }

    void install(RoutesConfig routes) {
        routes.get(ConsolePaths.LOGIN, this::show);
        routes.post(ConsolePaths.LOGIN, this::login);
        routes.post(ConsolePaths.LOGOUT, this::logout);
        routes.get("/", ctx -> ctx.redirect(ConsolePaths.SITE, HttpStatus.SEE_OTHER));
    }

    private void show(Context ctx) {
        ConsoleSessions.Session session = ConsoleGuard.session(ctx);
        if (session != null && session.authenticated()) {
            ctx.redirect(ConsolePaths.SITE, HttpStatus.SEE_OTHER);
            return;
        }
        page(ctx, 200, null);
    }

    private void login(Context ctx) {
        String source = LoginThrottle.source(remoteAddress(ctx));
        Optional<String> refusal = throttle.refusal(source);
        if (refusal.isPresent()) {
            page(ctx, 429, refusal.get());
            return;
        }
        String typed = ctx.formParam("password");
        char[] password = typed == null ? new char[0] : typed.toCharArray();
        boolean matches;
        try {
            checks.acquireUninterruptibly();
            try {
                matches = passwords.matches(password);
            } finally {
                checks.release();
            }
        } finally {
            Arrays.fill(password, '\0');
        }
        if (!matches) {
            throttle.failed(source);
            page(ctx, 401, passwords.hash().isEmpty()
                    ? "This site has no admin password yet: set one with sipsocial admin passwd, then log in."
                    : "Wrong password: type the admin password set with sipsocial init or sipsocial admin passwd.");
            return;
        }
        throttle.succeeded(source);
        ConsoleSessions.Session before = ConsoleGuard.session(ctx);
        cookie.write(ctx, sessions.login(before));
        ctx.redirect(ConsolePaths.SITE, HttpStatus.SEE_OTHER);
    }

    private void logout(Context ctx) {
        sessions.end(ConsoleGuard.session(ctx));
        cookie.clear(ctx);
        ctx.redirect(ConsolePaths.LOGIN, HttpStatus.SEE_OTHER);
    }

    /** The peer's address, as the servlet container gives it: an IP literal, so no name is looked up. */
    private static InetAddress remoteAddress(Context ctx) {
        try {
            return InetAddress.getByName(ctx.req().getRemoteAddr());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("not an IP address: " + ctx.req().getRemoteAddr(), e);
        }
    }

    /** The login form, with a fresh pre-login session (and CSRF token) when there is none. */
    private void page(Context ctx, int status, String error) {
        ConsoleSessions.Session session = ConsoleGuard.session(ctx);
        if (session == null || session.authenticated()) {
            session = sessions.anonymous();
            cookie.write(ctx, session);
        }
        ctx.status(status);
        templates.render(ctx, "login.jte", new Pages.Login(site, session.csrfToken(), error));
    }
}
