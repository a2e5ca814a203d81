package org.sipsocial.admin.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.sipsocial.identity.IdentityException;
import org.sipsocial.store.SiteAdministration;
import org.sipsocial.store.StoreException;

/**
 * How a console form is answered: the action runs (one {@link SiteAdministration} call), its outcome becomes
 * the line at the top of the next page, and the browser is sent back to the page (Post/Redirect/Get). A refusal
 * of the site (bad name, fingerprint mismatch, ...) is shown in the site's own words, which say what to fix.
 */
final class ConsoleActions {
    private final SiteAdministration administration;

    ConsoleActions(SiteAdministration administration) {
        this.administration = administration;
    }

    SiteAdministration administration() {
        return administration;
    }

    PageFrame frame(Context ctx, String title, String tab) {
        ConsoleSessions.Session session = ConsoleGuard.session(ctx);
        return new PageFrame(administration.summary().site().toString(), title, tab, session.csrfToken(),
                session.takeFlash().orElse(null));
    }

    /** Runs {@code action}, keeps its outcome (or refusal) for the next page, and redirects to {@code page}. */
    void perform(Context ctx, String page, Supplier<String> action) {
        ConsoleSessions.Session session = ConsoleGuard.session(ctx);
        try {
            session.flash(action.get(), false);
        } catch (StoreException | IdentityException | FormError e) {
            session.flash(e.getMessage(), true);
        }
        ctx.redirect(page, HttpStatus.SEE_OTHER);
    }

    /** A required form field, or a refusal that names it. */
    static String required(Context ctx, String field, String label) {
        String value = ctx.formParam(field);
        if (value == null || value.isBlank()) {
            throw new FormError(label + " is missing: fill it in and send the form again.");
        }
        return value.strip();
    }

    /** A name as one path segment: every character but ALPHA / DIGIT / "-" / "_" / "~" percent-encoded. */
    static String segment(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20").replace(".", "%2E").replace("*", "%2A");
    }
}
