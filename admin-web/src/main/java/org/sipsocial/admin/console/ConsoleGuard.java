package org.sipsocial.admin.console;

import java.util.Optional;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;

/**
 * Runs before every console request: adds the {@link SecurityHeaders}; lets the login page and the static
 * files through; sends anyone without a logged-in session to the login page; and refuses (403) any POST whose
 * form does not carry the session's CSRF token in its {@value #CSRF_FIELD} field (or an htmx request its
 * {@value #CSRF_HEADER} header), before the request reaches a page.
 */
final class ConsoleGuard implements Handler {
    static final String CSRF_FIELD = "csrf";
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String SESSION = "console.session";

    private final ConsoleSessions sessions;
    private final SessionCookie cookie;

    ConsoleGuard(ConsoleSessions sessions, SessionCookie cookie) {
        this.sessions = sessions;
        this.cookie = cookie;
    }

    @Override
    public void handle(Context ctx) {
        SecurityHeaders.add(ctx);
        String path = ctx.path();
        if (path.startsWith("/static/") || path.startsWith("/webjars/")) {
            return;
        }
        Optional<ConsoleSessions.Session> session = sessions.find(cookie.read(ctx));
        boolean login = path.equals(ConsolePaths.LOGIN);
        if (session.isPresent() && (login || session.get().authenticated())) {
            ctx.attribute(SESSION, session.get());
        } else if (!login) {
            if (ctx.method().name().equals("GET")) {
                ctx.redirect(ConsolePaths.LOGIN, HttpStatus.SEE_OTHER);
            } else {
                ctx.status(HttpStatus.FORBIDDEN).contentType("text/plain; charset=utf-8")
                        .result("Your console session has ended: log in again.");
            }
            ctx.skipRemainingHandlers();
            return;
        }
        if (ctx.method().name().equals("POST") && !csrfGiven(ctx, session)) {
            ctx.status(HttpStatus.FORBIDDEN).contentType("text/plain; charset=utf-8")
                    .result("This form has expired or did not come from this console (no valid CSRF token): "
                            + "reload the page and send it again.");
            ctx.skipRemainingHandlers();
        }
    }

    private static boolean csrfGiven(Context ctx, Optional<ConsoleSessions.Session> session) {
        if (session.isEmpty()) {
            return false;
        }
        String token = ctx.header(CSRF_HEADER);
        if (token == null) {
            token = ctx.formParam(CSRF_FIELD);
        }
        return session.get().csrfMatches(token);
    }

    static ConsoleSessions.Session session(Context ctx) {
        return ctx.attribute(SESSION);
    }
}
