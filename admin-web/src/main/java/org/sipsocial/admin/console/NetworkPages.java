package org.sipsocial.admin.console;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import org.sipsocial.identity.Fingerprint;
import org.sipsocial.identity.IdentityException;
import org.sipsocial.identity.PemCertificates;
import org.sipsocial.identity.SiteName;
import org.sipsocial.store.ListedSite;
import org.sipsocial.store.NetworkStatus;
import org.sipsocial.store.SiteAddress;
import org.sipsocial.store.SiteAdministration;
import org.sipsocial.store.StoreException;

/**
 * The Network Connection list: the remote sites with their live status (the list and the Status Message line
 * are fragments that htmx fetches again every {@value #POLL_SECONDS} seconds, and that the page also includes,
 * so it works without JavaScript on reload); adding a site in two steps (the certificate is read and its
 * fingerprint shown, and only the confirmed fingerprint is sent to {@link SiteAdministration#addSite}); Connect,
 * Disconnect, a new address, and removal.
 */
final class NetworkPages {
    static final int POLL_SECONDS = 2;
    /** A PEM certificate of a site is about 1 KB; an upload larger than this is not one. */
    static final int MAX_CERTIFICATE_BYTES = 8 * 1024;

    private final ConsoleActions actions;
    private final ConsoleTemplates templates;

    NetworkPages(ConsoleActions actions, ConsoleTemplates templates) {
        this.actions = actions;
        this.templates = templates;
    }

    void install(RoutesConfig routes) {
        String base = ConsolePaths.NETWORK;
        routes.get(base, this::show);
        routes.get(base + "/list", ctx -> templates.render(ctx, "network-list.jte", network(ctx)));
        routes.get(base + "/status-line", ctx -> templates.render(ctx, "status-line.jte", statusLine()));
        routes.post(base + "/check", this::check);
        routes.post(base + "/add", this::add);
        routes.post(base + "/{name}/connect", ctx -> actions.perform(ctx, base, () ->
                "Connect " + name(ctx) + ": " + administration().connect(name(ctx)).status()));
        routes.post(base + "/{name}/disconnect", ctx -> actions.perform(ctx, base, () ->
                "Disconnect " + name(ctx) + ": " + administration().disconnect(name(ctx)).status()));
        routes.post(base + "/{name}/address", ctx -> actions.perform(ctx, base, () -> {
            SiteAddress address = SiteAddress.parse(ConsoleActions.required(ctx, "address", "The new address"));
            return name(ctx) + " is now reached at " + administration().setSiteAddress(name(ctx), address).address();
        }));
        routes.post(base + "/{name}/remove", ctx -> actions.perform(ctx, base, () -> {
            administration().removeSite(name(ctx));
            return name(ctx) + " is removed from the Network Connection list and its certificate forgotten";
        }));
    }

    private void show(Context ctx) {
        templates.render(ctx, "network.jte", network(ctx));
    }

    private Pages.Network network(Context ctx) {
        return network(ctx, Pages.SiteForm.EMPTY);
    }

    private Pages.Network network(Context ctx, Pages.SiteForm form) {
        List<Pages.NetworkRow> rows = administration().sites().stream().map(NetworkPages::row).toList();
        return new Pages.Network(actions.frame(ctx, "Network Connection", "network"), rows, statusLine(), form);
    }

    private static Pages.NetworkRow row(ListedSite listed) {
        String name = listed.site().name().toString();
        return new Pages.NetworkRow(name, ConsolePaths.NETWORK + "/" + ConsoleActions.segment(name),
                listed.site().address().toString(), listed.site().fingerprint().colonHex(), listed.linkStatus().text());
    }

    private Pages.StatusLine statusLine() {
        try {
            NetworkStatus status = administration().status();
            return new Pages.StatusLine(status.latestEvent().orElse("No event yet."));
        } catch (StoreException e) {
            return new Pages.StatusLine(e.getMessage());
        }
    }

    /** Step one of adding a site: read the certificate and show its fingerprint to compare; nothing is saved. */
    private void check(Context ctx) {
        try {
            SiteName name = SiteName.of(ConsoleActions.required(ctx, "name", "The site's name"));
            SiteAddress address = SiteAddress.parse(ConsoleActions.required(ctx, "address", "The site's address"));
            String pem = certificate(ctx);
            X509Certificate certificate = PemCertificates.read(pem.getBytes(StandardCharsets.US_ASCII), "of " + name);
            Fingerprint fingerprint = Fingerprint.of(certificate);
            templates.render(ctx, "network-confirm.jte", new Pages.ConfirmSite(
                    actions.frame(ctx, "Compare the fingerprint", "network"), name.toString(), address.toString(),
                    PemCertificates.write(certificate), fingerprint.colonHex(), fingerprint.spokenBlocks().lines().toList()));
        } catch (StoreException | IdentityException | FormError e) {
            // The form comes back as it was typed (a pasted certificate too), with what to correct above it.
            ConsoleGuard.session(ctx).flash(e.getMessage(), true);
            ctx.status(HttpStatus.BAD_REQUEST);
            templates.render(ctx, "network.jte", network(ctx, new Pages.SiteForm(typed(ctx, "name"),
                    typed(ctx, "address"), typed(ctx, "certificate"))));
        }
    }

    /** Step two: the administrator confirmed the fingerprint shown; the site checks it again and saves. */
    private void add(Context ctx) {
        actions.perform(ctx, ConsolePaths.NETWORK, () -> {
            if (ctx.formParam("confirmed") == null) {
                throw new FormError("Nothing was saved: tick that the fingerprint is the one the other "
                        + "administrator read out, or cancel.");
            }
            SiteName name = SiteName.of(ConsoleActions.required(ctx, "name", "The site's name"));
            SiteAddress address = SiteAddress.parse(ConsoleActions.required(ctx, "address", "The site's address"));
            X509Certificate certificate = PemCertificates.read(
                    ConsoleActions.required(ctx, "certificate", "The certificate").getBytes(StandardCharsets.US_ASCII),
                    "of " + name);
            Fingerprint confirmed = Fingerprint.parse(ConsoleActions.required(ctx, "fingerprint", "The fingerprint"));
            administration().addSite(name, address, certificate, confirmed);
            return name + " is on the Network Connection list; press Connect to link with it";
        });
    }

    private static String typed(Context ctx, String field) {
        String value = ctx.formParam(field);
        return value == null ? "" : value;
    }

    /** The certificate pasted, or else uploaded. */
    private static String certificate(Context ctx) {
        String pasted = ctx.formParam("certificate");
        if (pasted != null && !pasted.isBlank()) {
            return pasted;
        }
        UploadedFile file = ctx.uploadedFile("certificateFile");
        if (file == null || file.size() == 0) {
            throw new FormError("No certificate: paste the other site's certificate (PEM) or choose "
                    + "its file.");
        }
        if (file.size() > MAX_CERTIFICATE_BYTES) {
            throw new FormError("The file " + file.filename() + " is too large to be a site certificate.");
        }
        try (InputStream content = file.content()) {
            return new String(content.readNBytes(MAX_CERTIFICATE_BYTES), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new FormError("The file " + file.filename() + " cannot be read: " + e.getMessage());
        }
    }

    private SiteAdministration administration() {
        return actions.administration();
    }

    private static SiteName name(Context ctx) {
        return SiteName.of(ctx.pathParam("name"));
    }
}
