package org.sipsocial.admin.console;

import io.javalin.http.Context;

/**
 * The console's session cookie: HttpOnly, SameSite=Strict, Path=/, expiring with the session's idle time, and
 * Secure with the {@code __Host-} prefix when the console is served over HTTPS (RFC 6265bis §4.1.3.2).
 */
final class SessionCookie {
    private final String name;
    private final boolean secure;

    SessionCookie(boolean secure) {
        this.secure = secure;
        this.name = secure ? "__Host-sipsocial-console" : "sipsocial-console";
    }

    String read(Context ctx) {
        return ctx.cookie(name);
    }

    void write(Context ctx, ConsoleSessions.Session session) {
        ctx.res().addHeader("Set-Cookie", name + "=" + session.id() + "; Path=/; Max-Age="
                + ConsoleSessions.cookieMaxAgeSeconds() + "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : ""));
    }

    void clear(Context ctx) {
        ctx.res().addHeader("Set-Cookie", name + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : ""));
    }
}
