package org.sipsocial.admin;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.sipsocial.identity.SiteName;
import org.sipsocial.store.SiteAdministration;
import org.sipsocial.store.UserAdded;
import org.sipsocial.store.UserName;

/**
 * The endpoints of the JSON admin API, version 1: one per {@link SiteAdministration} method, each only
 * translating between HTTP and the method.
 *
 * <pre>
 * GET    /api/v1/site                   200 site
 * GET    /api/v1/users                  200 users
 * POST   /api/v1/users                  {"name": N, "password"?: P}  201 added
 * DELETE /api/v1/users/{name}           204
 * PUT    /api/v1/users/{name}/password  {"password"?: P}  200 password when generated, else 204
 * </pre>
 *
 * A user name in a path is percent-encoded (RFC 3986 §2.1); without a password one is generated and returned.
 */
final class AdminRoutes {
    static final String PREFIX = "/api/v1";
    private static final Set<String> NAME = Set.of("name");
    private static final Set<String> PASSWORD = Set.of("password");
    private static final Set<String> NONE = Set.of();

    private final SiteAdministration administration;
    private final SiteMetrics metrics;

    AdminRoutes(SiteAdministration administration, SiteMetrics metrics) {
        this.administration = administration;
        this.metrics = metrics;
    }

    void install(RoutesConfig routes) {
        routes.get(PREFIX + "/site", this::site);
        routes.get(PREFIX + "/metrics", this::metrics);
        routes.get(PREFIX + "/users", this::users);
        routes.post(PREFIX + "/users", this::addUser);
        routes.delete(PREFIX + "/users/{name}", this::removeUser);
        routes.put(PREFIX + "/users/{name}/password", this::changePassword);
    }

    /** The Prometheus text exposition format, version 0.0.4. */
    private void metrics(Context ctx) {
        ctx.status(200).contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }

    private void site(Context ctx) {
        json(ctx, 200, ResponseBody.site(administration.summary()));
    }

    private void users(Context ctx) {
        json(ctx, 200, ResponseBody.users(administration.users(), site()));
    }

    private void addUser(Context ctx) {
        try (RequestBody body = RequestBody.parse(ctx.bodyAsBytes(), NAME, PASSWORD)) {
            UserName name = UserName.of(body.requiredText("name"));
            UserAdded added = administration.addUser(name, body.takeSecret("password"));
            char[] generated = added.generatedPassword().orElse(null);
            try {
                json(ctx, 201, ResponseBody.added(added.user(), site(), generated));
            } finally {
                wipe(generated);
            }
        }
    }

    private void removeUser(Context ctx) {
        administration.removeUser(UserName.of(ctx.pathParam("name")));
        ctx.status(204);
    }

    private void changePassword(Context ctx) {
        try (RequestBody body = RequestBody.parse(ctx.bodyAsBytes(), NONE, PASSWORD)) {
            UserName name = UserName.of(ctx.pathParam("name"));
            Optional<char[]> generated = administration.changePassword(name, body.takeSecret("password"));
            if (generated.isEmpty()) {
                ctx.status(204);
                return;
            }
            try {
                json(ctx, 200, ResponseBody.password(generated.get()));
            } finally {
                wipe(generated.get());
            }
        }
    }

    private SiteName site() {
        return administration.summary().site();
    }

    private static void json(Context ctx, int status, byte[] body) {
        ctx.status(status).contentType(ResponseBody.CONTENT_TYPE).result(body);
    }

    private static void wipe(char[] secret) {
        if (secret != null) {
            Arrays.fill(secret, '\0');
        }
    }
}
