package org.sipsocial.admin;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.sipsocial.store.AdminToken;

/**
 * Runs before every request, known endpoint or not: lets it through only with
 * {@code Authorization: Bearer <the running site's token>} (RFC 6750 §2.1).
 */
final class BearerTokenCheck implements Handler {
    private static final String SCHEME = "Bearer ";

    private final AdminToken token;

    BearerTokenCheck(AdminToken token) {
        this.token = token;
    }

    @Override
    public void handle(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw new AdminRequestException(AdminRefusal.UNAUTHORIZED,
                    "no admin token: send Authorization: Bearer <the token in the site home's admin.token>");
        }
        if (!token.matches(authorization.substring(SCHEME.length()).strip())) {
            throw new AdminRequestException(AdminRefusal.UNAUTHORIZED,
                    "wrong admin token: it is not the one the running site wrote to its admin.token");
        }
    }
}
