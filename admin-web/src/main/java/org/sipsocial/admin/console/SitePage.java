package org.sipsocial.admin.console;

import java.util.List;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.sipsocial.identity.Fingerprint;
import org.sipsocial.identity.PemCertificates;
import org.sipsocial.store.SiteSettings;
import org.sipsocial.store.StoreException;
import org.sipsocial.store.StoreFailure;

/**
 * This site: its name, addresses, the public addresses its connected peers see it from, its certificate's
 * fingerprint in full, grouped for reading aloud and as a QR code, and the certificate (never the key) to
 * download.
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
        List<String> seenFrom = seenFrom();
        templates.render(ctx, "site.jte", new Pages.ThisSite(actions.frame(ctx, "This site", "site"),
                fingerprint.colonHex(), fingerprint.spokenBlocks().lines().toList(),
                settings.bindAddress() + ":" + settings.sipPort() + " (UDP, TCP)",
                settings.bindAddress() + ":" + settings.sipsPort() + " (TLS)",
                settings.bindAddress() + ":" + settings.linkPort() + " (links to other sites, mutual TLS)",
                "127.0.0.1:" + settings.adminPort() + " (this console and the admin API)", seenFrom));
    }

    private List<String> seenFrom() {
        try {
            return actions.administration().status().seenFrom();
        } catch (StoreException e) {
            if (e.reason() != StoreFailure.SITE_NOT_RUNNING) {
                throw e;
            }
            return List.of();
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
