package org.sipsocial.admin.console;

import java.util.List;
import java.util.Optional;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.sipsocial.identity.Fingerprint;
import org.sipsocial.identity.PemCertificates;
import org.sipsocial.store.NetworkStatus;
import org.sipsocial.store.SiteSettings;
import org.sipsocial.store.StoreException;
import org.sipsocial.store.StoreFailure;

/**
 * This site: its name, addresses, the public addresses its connected peers see it from, what the router mapped for
 * it and what it learned of its NAT (issue 15), its certificate's fingerprint in full, grouped for reading aloud and
 * as a QR code, and the certificate (never the key) to download.
 */
final class SitePage {
    private final ConsoleActions actions;
    private final ConsoleSite site;
    private final ConsoleTemplates templates;

    SitePage(ConsoleActions actions, ConsoleSite site, ConsoleTemplates templates) {
        this.actions = actions;
        this.site = site;
        this.templates = templates;
    }

    void install(RoutesConfig routes) {
        routes.get(ConsolePaths.SITE, this::show);
        routes.get(ConsolePaths.SITE + "/certificate.pem", this::certificate);
        routes.get(ConsolePaths.SITE + "/fingerprint.svg", this::fingerprintQr);
    }

    private void show(Context ctx) {
        SiteSettings settings = site.settings();
        Fingerprint fingerprint = actions.administration().summary().fingerprint();
        Optional<NetworkStatus> status = status();
        templates.render(ctx, "site.jte", new Pages.ThisSite(actions.frame(ctx, "This site", "site"),
                fingerprint.colonHex(), fingerprint.spokenBlocks().lines().toList(),
                settings.bindAddress() + ":" + settings.sipPort() + " (UDP, TCP)",
                settings.bindAddress() + ":" + settings.sipsPort() + " (TLS)",
                settings.bindAddress() + ":" + settings.linkPort() + " (links to other sites, mutual TLS)",
                "127.0.0.1:" + settings.adminPort() + " (this console and the admin API)",
                status.map(NetworkStatus::seenFrom).orElse(List.of()),
                status.map(NetworkStatus::portMapping).orElse(""), status.map(NetworkStatus::nat).orElse("")));
    }

    /** The running site's network status; empty when the site is stopped. */
    private Optional<NetworkStatus> status() {
        try {
            return Optional.of(actions.administration().status());
        } catch (StoreException e) {
            if (e.reason() != StoreFailure.SITE_NOT_RUNNING) {
                throw e;
            }
            return Optional.empty();
        }
    }

    private void certificate(Context ctx) {
        ctx.header("Content-Disposition", "attachment; filename=\"" + site.settings().site() + ".pem\"")
                .contentType("application/x-pem-file").result(PemCertificates.write(site.certificate()));
    }

    private void fingerprintQr(Context ctx) {
        ctx.contentType("image/svg+xml").result(QrCode.svg(
                actions.administration().summary().fingerprint().opensslLine()));
    }
}
