package org.sipsocial.admin;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.sipsocial.identity.IdentityException;
import org.sipsocial.identity.IdentityFailure;
import org.sipsocial.store.StoreException;
import org.sipsocial.store.StoreFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that answers a failed request (to a console page: the one line as plain text): {@code {"error":
 * "<one line>", "reason": "<name>"}} with the
 * HTTP status of its reason. The reason is a {@link StoreFailure} when the site refused the action, an
 * {@link IdentityFailure} when a name, certificate or fingerprint in the request cannot be used, an
 * {@link AdminRefusal} when the API refused the request. Only faults of ours are logged, and never a body.
 */
final class AdminErrors {
    private static final Logger LOG = LoggerFactory.getLogger(AdminErrors.class);

    private AdminErrors() {
    }

    static void install(JavalinConfig config) {
        config.routes.exception(StoreException.class, (failure, ctx) ->
                answer(ctx, status(failure.reason()), failure.getMessage(), failure.reason().name()));
        config.routes.exception(IdentityException.class, (failure, ctx) -> {
            int status = status(failure.reason());
            if (status >= 500) {
                LOG.error("admin API request {} {} failed", ctx.method(), ctx.path(), failure);
            }
            answer(ctx, status, failure.getMessage(), failure.reason().name());
        });
        config.routes.exception(AdminRequestException.class, (failure, ctx) -> {
            if (failure.refusal() == AdminRefusal.UNAUTHORIZED) {
                ctx.header("WWW-Authenticate", "Bearer realm=\"sipsocial admin\"");
            }
            answer(ctx, failure.refusal().status(), failure.getMessage(), failure.refusal().name());
        });
        config.routes.exception(HttpResponseException.class, (failure, ctx) -> {
            if (failure.getStatus() == 404 || failure.getStatus() == 405) {
                answer(ctx, AdminRefusal.NO_SUCH_ENDPOINT.status(), "no such endpoint: " + ctx.method() + " " + ctx.path(),
                        AdminRefusal.NO_SUCH_ENDPOINT.name());
            } else {
                // Javalin's own refusals (a body over the size limit: 413) keep their status.
                answer(ctx, failure.getStatus(), "the request was refused: " + failure.getMessage(),
                        AdminRefusal.BAD_REQUEST.name());
            }
        });
        config.routes.exception(Exception.class, (failure, ctx) -> {
            LOG.error("admin API request {} {} failed", ctx.method(), ctx.path(), failure);
            answer(ctx, AdminRefusal.INTERNAL.status(), "internal error in the running site (see its log)",
                    AdminRefusal.INTERNAL.name());
        });
    }

    /** The HTTP status that says {@code failure} to an API client. */
    static int status(StoreFailure failure) {
        switch (failure) {
            case BAD_USER_NAME:
            case BAD_PASSWORD:
            case BAD_SETTING:
            case NO_PASSPHRASE:
            case UNREADABLE_FILE:
            case BAD_ADDRESS:
            case BAD_CERTIFICATE:
            case FINGERPRINT_MISMATCH:
            case OWN_SITE:
            case NOT_A_BACKUP:
            case BACKUP_DAMAGED:
                return 400;
            case WRONG_PASSPHRASE:
                return 403;
            case NO_SUCH_USER:
            case NO_SITE_HOME:
            case NO_SUCH_SITE:
                return 404;
            case USER_EXISTS:
            case SITE_HOME_EXISTS:
            case SITE_EXISTS:
            case CERTIFICATE_PINNED:
                return 409;
            case STORE_IN_USE:
            case SITE_NOT_RUNNING:
            case HOME_NOT_WRITABLE:
                return 503;
            case STORE_DAMAGED:
                return 500;
            default:
                throw new IllegalArgumentException("no HTTP status for " + failure);
        }
    }

    /** The HTTP status that says {@code failure} to an API client: its input was bad, or the site is at fault. */
    static int status(IdentityFailure failure) {
        switch (failure) {
            case BAD_SITE_NAME:
            case BAD_CERTIFICATE:
            case BAD_FINGERPRINT:
                return 400;
            case KEYSTORE_UNREADABLE:
            case PLATFORM:
                return 500;
            default:
                throw new IllegalArgumentException("no HTTP status for " + failure);
        }
    }

    /** As JSON to the API; to the console (a browser) as the one line in plain text. */
    private static void answer(Context ctx, int status, String message, String reason) {
        if (AdminRoutes.isApi(ctx.path())) {
            ctx.status(status).contentType(ResponseBody.CONTENT_TYPE).result(ResponseBody.error(message, reason));
        } else {
            ctx.status(status).contentType("text/plain; charset=utf-8").result(message);
        }
    }
}
