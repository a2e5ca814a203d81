package org.sipsocial.admin.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import io.javalin.config.RoutesConfig;
import org.sipsocial.store.SiteActivity;
import org.sipsocial.store.StoreException;

/**
 * Live: the phones registered with this site per user (device, transport, since when), the calls in progress
 * (who, with which site, since when; for calls between sites the media's path and the other site's lost and late
 * packets), and charts of the last hour. The live part is a fragment htmx fetches again every
 * {@value #POLL_SECONDS} seconds, which the page also includes, so it works on reload without JavaScript. Of
 * another site's users it shows their AORs only, never an address.
 */
final class LivePage {
    static final int POLL_SECONDS = 2;
    /** The most phones, and the most calls, the page lists: a large site's page stays small; the charts count all. */
    static final int MAX_ROWS = 200;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final ConsoleActions actions;
    private final ConsoleTemplates templates;
    private final LiveHistory history;

    LivePage(ConsoleActions actions, ConsoleTemplates templates, LiveHistory history) {
        this.actions = actions;
        this.templates = templates;
        this.history = history;
    }

    void install(RoutesConfig routes) {
        routes.get(ConsolePaths.LIVE, ctx -> templates.render(ctx, "live.jte",
                new Pages.Live(actions.frame(ctx, "Live", "live"), now())));
        routes.get(ConsolePaths.LIVE + "/now", ctx -> templates.render(ctx, "live-now.jte", now()));
    }

    private Pages.LiveNow now() {
        SiteActivity activity;
        try {
            activity = actions.administration().activity();
        } catch (StoreException e) {
            return new Pages.LiveNow(e.getMessage(), List.of(), 0, List.of(), 0, List.of());
        }
        return now(activity, history.charts(activity));
    }

    static Pages.LiveNow now(SiteActivity activity, List<Pages.Chart> charts) {
        List<Pages.PhoneRow> phones = phones(activity);
        List<Pages.CallRow> calls = activity.calls().stream().limit(MAX_ROWS).map(call -> call(call, activity.at())).toList();
        return new Pages.LiveNow("", phones.subList(0, Math.min(MAX_ROWS, phones.size())),
                Math.max(0, phones.size() - MAX_ROWS), calls, activity.calls().size() - calls.size(), charts);
    }

    private static List<Pages.PhoneRow> phones(SiteActivity activity) {
        List<Pages.PhoneRow> rows = new ArrayList<>();
        String previous = null;
        for (SiteActivity.Phone phone : activity.phones()) {
            rows.add(new Pages.PhoneRow(phone.user().equals(previous) ? "" : phone.user(),
                    phone.device().isEmpty() ? "(no User-Agent)" : phone.device(), phone.transport(),
                    phone.since() == null ? "before the site last started" : since(phone.since(), activity.at())));
            previous = phone.user();
        }
        return rows;
    }

    private static Pages.CallRow call(SiteActivity.Call call, Instant now) {
        String media = !call.betweenSites() ? "within this site"
                : (call.media().isEmpty() ? "not relayed yet" : call.media()) + "; " + call.lost() + " lost, "
                        + call.late() + " late from " + call.site();
        return new Pages.CallRow(call.caller(), call.callee(), call.betweenSites() ? call.site() : "this site",
                since(call.since(), now), media);
    }

    /** {@code 20:14:03 UTC (12 min)}: when, and how long ago in the largest whole unit. */
    static String since(Instant when, Instant now) {
        Duration ago = Duration.between(when, now);
        String span = ago.toDays() > 0 ? ago.toDays() + " d" : ago.toHours() > 0 ? ago.toHours() + " h"
                : ago.toMinutes() > 0 ? ago.toMinutes() + " min" : Math.max(0, ago.toSeconds()) + " s";
        return TIME.format(when) + " (" + span + ")";
    }
}
