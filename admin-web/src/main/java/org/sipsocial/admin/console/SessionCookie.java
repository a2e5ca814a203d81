package org.sipsocial.admin.console;

import io.javalin.http.Context;

/**
 * The console's session cookie: HttpOnly, SameSite=Strict, Path=/, expiring with the session's idle time; over
 * HTTPS also Secure, under the {@code __Host-} prefix (RFC 6265bis §4.1.3.2), so that a session made over HTTPS
 * is never sent over plain HTTP (the loopback address serves both when a console address is configured).
 */
final class SessionCookie {
    private static final String PLAIN = "sipsocial-console";
    private static final String SECURE = "__Host-sipsocial-console";

    String read(Context ctx) {
        return ctx.cookie(name(ctx));
    }

    void write(Context ctx, ConsoleSessions.Session session) {
        ctx.res().addHeader("Set-Cookie", name(ctx) + "=" + session.id() + "; Path=/; Max-Age="
                + ConsoleSessions.cookieMaxAgeSeconds() + "; HttpOnly; SameSite=Strict" + (secure(ctx) ? "; Secure" : ""));
    }

    void clear(Context ctx) {
        ctx.res().addHeader("Set-Cookie", name(ctx) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict"
                + (secure(ctx) ? "; Secure" : ""));
    }

    private static boolean secure(Context ctx) {
        return "https".equals(ctx.scheme());
    }

    private static String name(Context ctx) {
        return secure(ctx) ? SECURE : PLAIN;
    }
}
