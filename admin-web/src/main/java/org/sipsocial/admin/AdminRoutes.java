package org.sipsocial.admin;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.sipsocial.identity.Fingerprint;
import org.sipsocial.identity.PemCertificates;
import org.sipsocial.identity.SiteName;
import org.sipsocial.store.SiteAddress;
import org.sipsocial.store.SiteAdministration;
import org.sipsocial.store.UserAdded;
import org.sipsocial.store.UserName;

/**
 * The endpoints of the JSON admin API, version 1: one per {@link SiteAdministration} method, each only
 * translating between HTTP and the method.
 *
 * <pre>
 * GET    /api/v1/site                   200 site
 * PUT    /api/v1/admin/password         {"password": P}  204 (the web console's login; only its hash is kept)
 * GET    /api/v1/users                  200 users
 * POST   /api/v1/users                  {"name": N, "password"?: P, "listed"?: true|false}  201 added
 * DELETE /api/v1/users/{name}           204
 * PUT    /api/v1/users/{name}/password  {"password"?: P}  200 password when generated, else 204
 * PUT    /api/v1/users/{name}/listed    {"listed": true|false}  204
 * GET    /api/v1/sites                  200 sites
 * POST   /api/v1/sites                  {"name": N, "address": HOST[:PORT], "certificate": PEM, "fingerprint": FP}
 *                                       201 remote
 * GET    /api/v1/sites/{name}           200 remote
 * DELETE /api/v1/sites/{name}           204
 * PUT    /api/v1/sites/{name}/address   {"address": HOST[:PORT]}  200 remote
 * POST   /api/v1/sites/{name}/connect   200 link
 * POST   /api/v1/sites/{name}/disconnect  200 link
 * GET    /api/v1/status                 200 status
 * GET    /api/v1/status/{name}          200 link
 * GET    /api/v1/directory              200 directory (what the connected sites publish)
 * GET    /api/v1/activity               200 activity (registered phones, calls in progress, links' round trips)
 * GET    /api/v1/backup                 200 application/zip: a backup of the site home (still encrypted)
 * </pre>
 *
 * A user name in a path is percent-encoded (RFC 3986 §2.1); without a password one is generated and returned.
 * A remote site is added only with the fingerprint its administrator confirmed: there is no way to pin a
 * certificate unchecked.
 */
final class AdminRoutes {
    static final String PREFIX = "/api/v1";
    private static final Set<String> NAME = Set.of("name");
    private static final Set<String> PASSWORD = Set.of("password");
    private static final Set<String> NONE = Set.of();
    private static final Set<String> NEW_SITE = Set.of("name", "address", "certificate", "fingerprint");
    private static final Set<String> ADDRESS = Set.of("address");
    private static final Set<String> LISTED = Set.of("listed");

    private final SiteAdministration administration;
    private final SiteMetrics metrics;

    AdminRoutes(SiteAdministration administration, SiteMetrics metrics) {
        this.administration = administration;
        this.metrics = metrics;
    }

    /** Whether {@code path} is the API's (and so needs the bearer token), not the console's. */
    static boolean isApi(String path) {
        return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
    }

    void install(RoutesConfig routes) {
        routes.get(PREFIX + "/site", this::site);
        routes.get(PREFIX + "/metrics", this::metrics);
        routes.put(PREFIX + "/admin/password", this::setAdminPassword);
        routes.get(PREFIX + "/users", this::users);
        routes.post(PREFIX + "/users", this::addUser);
        routes.delete(PREFIX + "/users/{name}", this::removeUser);
        routes.put(PREFIX + "/users/{name}/password", this::changePassword);
        routes.put(PREFIX + "/users/{name}/listed", this::setListed);
        routes.get(PREFIX + "/sites", this::sites);
        routes.post(PREFIX + "/sites", this::addSite);
        routes.get(PREFIX + "/sites/{name}", this::showSite);
        routes.delete(PREFIX + "/sites/{name}", this::removeSite);
        routes.put(PREFIX + "/sites/{name}/address", this::setSiteAddress);
        routes.post(PREFIX + "/sites/{name}/connect", this::connect);
        routes.post(PREFIX + "/sites/{name}/disconnect", this::disconnect);
        routes.get(PREFIX + "/status", this::status);
        routes.get(PREFIX + "/status/{name}", this::siteStatus);
        routes.get(PREFIX + "/directory", this::directory);
        routes.get(PREFIX + "/activity", ctx -> json(ctx, 200, ResponseBody.activity(administration.activity())));
        routes.get(PREFIX + "/backup", this::backup);
    }

    /** The Prometheus text exposition format, version 0.0.4. */
    private void metrics(Context ctx) {
        ctx.status(200).contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }

    /** A backup of the site home (a ZIP, still encrypted; see SiteBackup), streamed as it is written. */
    private void backup(Context ctx) {
        ctx.status(200).contentType("application/zip");
        administration.backup(ctx.outputStream());
    }

    private void site(Context ctx) {
        json(ctx, 200, ResponseBody.site(administration.summary()));
    }

    private void setAdminPassword(Context ctx) {
        try (RequestBody body = RequestBody.parse(ctx.bodyAsBytes(), NONE, PASSWORD)) {
            administration.setAdminPassword(body.takeSecret("password").orElseThrow(() ->
                    new AdminRequestException(AdminRefusal.BAD_REQUEST, "\"password\" is missing")));
            ctx.status(204);
        }
    }

    private void users(Context ctx) {
        json(ctx, 200, ResponseBody.users(administration.users(), site()));
    }

    private void addUser(Context ctx) {
        try (RequestBody body = RequestBody.parse(ctx.bodyAsBytes(), NAME, PASSWORD, LISTED)) {
            UserName name = UserName.of(body.requiredText("name"));
            UserAdded added = administration.addUser(name, body.takeSecret("password"), body.flag("listed").orElse(true));
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

    private void setListed(Context ctx) {
        try (RequestBody body = RequestBody.parse(ctx.bodyAsBytes(), NONE, NONE, LISTED)) {
            administration.setListed(UserName.of(ctx.pathParam("name")), body.requiredFlag("listed"));
            ctx.status(204);
        }
    }

    private void sites(Context ctx) {
        json(ctx, 200, ResponseBody.sites(administration.sites()));
    }

    private void addSite(Context ctx) {
        try (RequestBody body = RequestBody.parse(ctx.bodyAsBytes(), NEW_SITE, NONE)) {
            SiteName name = SiteName.of(body.requiredText("name"));
            SiteAddress address = SiteAddress.parse(body.requiredText("address"));
            X509Certificate certificate = PemCertificates.read(body.requiredText("certificate").getBytes(StandardCharsets.US_ASCII),
                    "of " + name);
            Fingerprint confirmed = Fingerprint.parse(body.requiredText("fingerprint"));
            json(ctx, 201, ResponseBody.site(administration.addSite(name, address, certificate, confirmed)));
        }
    }

    private void showSite(Context ctx) {
        json(ctx, 200, ResponseBody.site(administration.site(SiteName.of(ctx.pathParam("name")))));
    }

    private void removeSite(Context ctx) {
        administration.removeSite(SiteName.of(ctx.pathParam("name")));
        ctx.status(204);
    }

    private void setSiteAddress(Context ctx) {
        try (RequestBody body = RequestBody.parse(ctx.bodyAsBytes(), ADDRESS, NONE)) {
            SiteName name = SiteName.of(ctx.pathParam("name"));
            SiteAddress address = SiteAddress.parse(body.requiredText("address"));
            json(ctx, 200, ResponseBody.site(administration.setSiteAddress(name, address)));
        }
    }

    private void connect(Context ctx) {
        json(ctx, 200, ResponseBody.link(administration.connect(SiteName.of(ctx.pathParam("name")))));
    }

    private void disconnect(Context ctx) {
        json(ctx, 200, ResponseBody.link(administration.disconnect(SiteName.of(ctx.pathParam("name")))));
    }

    private void status(Context ctx) {
        json(ctx, 200, ResponseBody.status(administration.status()));
    }

    private void siteStatus(Context ctx) {
        json(ctx, 200, ResponseBody.link(administration.status(SiteName.of(ctx.pathParam("name")))));
    }

    private void directory(Context ctx) {
        json(ctx, 200, ResponseBody.directory(administration.directory()));
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
