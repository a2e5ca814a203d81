package org.sipsocial.admin.console;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.sipsocial.identity.IdentityException;
import org.sipsocial.store.SiteAdministration;
import org.sipsocial.store.SiteSettings;
import org.sipsocial.store.StoreException;
import org.sipsocial.store.StoreFailure;
import org.sipsocial.store.User;
import org.sipsocial.store.UserAdded;
import org.sipsocial.store.UserName;

/**
 * The site's users: add one (the site generates the password, shown on the next page once and never again),
 * remove, a new generated password, listed or unlisted in the directory, and for each user what a phone needs
 * (with a QR code of it, which holds no password).
 */
final class UserPages {
    private final ConsoleActions actions;
    private final ConsoleSite site;
    private final ConsoleTemplates templates;

    UserPages(ConsoleActions actions, ConsoleSite site, ConsoleTemplates templates) {
        this.actions = actions;
        this.site = site;
        this.templates = templates;
    }

    void install(RoutesConfig routes) {
        String base = ConsolePaths.USERS;
        routes.get(base, this::show);
        routes.post(base + "/add", this::add);
        routes.post(base + "/{name}/password", this::newPassword);
        routes.post(base + "/{name}/remove", ctx -> actions.perform(ctx, base, () -> {
            administration().removeUser(name(ctx));
            return aor(name(ctx)) + " is removed; its phones are no longer registered";
        }));
        routes.post(base + "/{name}/listed", ctx -> actions.perform(ctx, base, () -> {
            boolean listed = "true".equals(ctx.formParam("listed"));
            administration().setListed(name(ctx), listed);
            return aor(name(ctx)) + (listed ? " is listed in" : " is unlisted from") + " the directory of connected sites";
        }));
        routes.get(base + "/{name}/phone", this::phone);
        routes.get(base + "/{name}/phone.svg", ctx -> ctx.contentType("image/svg+xml").result(QrCode.svg(phone(ctx, user(ctx)).qrText())));
    }

    private void show(Context ctx) {
        List<Pages.UserRow> rows = administration().users().stream()
                .map(user -> new Pages.UserRow(user.name().toString(),
                        ConsolePaths.USERS + "/" + ConsoleActions.segment(user.name().toString()), aor(user.name()),
                        user.listed()))
                .toList();
        templates.render(ctx, "users.jte", new Pages.Users(actions.frame(ctx, "Users", "users"), rows));
    }

    private void add(Context ctx) {
        UserAdded added;
        try {
            UserName name = UserName.of(ConsoleActions.required(ctx, "name", "The user's name"));
            added = administration().addUser(name, Optional.empty(), ctx.formParam("listed") != null);
        } catch (StoreException | IdentityException | FormError e) {
            ConsoleGuard.session(ctx).flash(e.getMessage(), true);
            ctx.redirect(ConsolePaths.USERS, HttpStatus.SEE_OTHER);
            return;
        }
        showOnce(ctx, aor(added.user().name()), added.generatedPassword().orElseThrow(), "added");
    }

    private void newPassword(Context ctx) {
        Optional<char[]> generated;
        try {
            generated = administration().changePassword(name(ctx), Optional.empty());
        } catch (StoreException | IdentityException e) {
            ConsoleGuard.session(ctx).flash(e.getMessage(), true);
            ctx.redirect(ConsolePaths.USERS, HttpStatus.SEE_OTHER);
            return;
        }
        showOnce(ctx, aor(name(ctx)), generated.orElseThrow(), "has a new password");
    }

    /** The generated password on this one page, which is not cached and cannot be shown again. */
    private void showOnce(Context ctx, String aor, char[] password, String what) {
        try {
            templates.render(ctx, "password-once.jte", new Pages.PasswordOnce(
                    actions.frame(ctx, "Password for " + aor, "users"), aor, new String(password), what));
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private void phone(Context ctx) {
        User user = user(ctx);
        templates.render(ctx, "phone.jte", phone(ctx, user));
    }

    private Pages.Phone phone(Context ctx, User user) {
        SiteSettings settings = site.settings();
        String name = user.name().toString();
        String registrar = settings.bindAddress() + ":" + settings.sipPort();
        String transports = "UDP and TCP on port " + settings.sipPort() + "; TLS on port " + settings.sipsPort()
                + " (trust the site certificate, or pin its fingerprint)";
        String qr = "SIP account\nuser: " + name + "\ndomain: " + settings.site() + "\nregistrar: " + registrar
                + "\ntransports: udp,tcp:" + settings.sipPort() + " tls:" + settings.sipsPort()
                + "\nfingerprint: " + administration().summary().fingerprint().colonHex();
        return new Pages.Phone(actions.frame(ctx, "Phone settings for " + aor(user.name()), "users"), aor(user.name()),
                ConsolePaths.USERS + "/" + ConsoleActions.segment(name), name, settings.site().toString(), registrar,
                transports, qr);
    }

    private User user(Context ctx) {
        UserName name = name(ctx);
        return administration().users().stream().filter(user -> user.name().key().equals(name.key())).findFirst()
                .orElseThrow(() -> new StoreException(StoreFailure.NO_SUCH_USER,
                        "no user " + name + " on this site"));
    }

    private String aor(UserName name) {
        return name + "@" + site.settings().site();
    }

    private SiteAdministration administration() {
        return actions.administration();
    }

    private static UserName name(Context ctx) {
        return UserName.of(ctx.pathParam("name"));
    }
}
