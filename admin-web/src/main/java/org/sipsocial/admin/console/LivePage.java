package org.sipsocial.admin.console;

import io.javalin.config.RoutesConfig;

/**
 * Live: registered phones, calls in progress and small charts (issue 12). Not built yet: the page says so, and
 * is where they go once {@link org.sipsocial.store.SiteAdministration} reports registrations and calls.
 */
final class LivePage {
    private final ConsoleActions actions;
    private final ConsoleTemplates templates;

    LivePage(ConsoleActions actions, ConsoleTemplates templates) {
        this.actions = actions;
        this.templates = templates;
    }

    void install(RoutesConfig routes) {
        routes.get(ConsolePaths.LIVE, ctx -> templates.render(ctx, "live.jte",
                new Pages.Live(actions.frame(ctx, "Live", "live"))));
    }
}
