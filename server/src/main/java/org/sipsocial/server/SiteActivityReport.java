package org.sipsocial.server;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.sipsocial.link.LinkState;
import org.sipsocial.link.SiteLinks;
import org.sipsocial.media.MediaAnchor;
import org.sipsocial.routing.proxy.CallsInProgress;
import org.sipsocial.server.sip.SipService;
import org.sipsocial.store.SiteActivity;

/**
 * What the running site is doing now, gathered for {@link SiteActivity}: the registrar's unexpired bindings, the
 * proxy's calls in progress with their media (for calls between sites: the relay's path and the other site's lost
 * and late packets), and the round trip of each connected link.
 */
final class SiteActivityReport implements Supplier<SiteActivity> {
    private final SipService sip;
    private final SiteLinks links;
    private final Clock clock;

    SiteActivityReport(SipService sip, SiteLinks links, Clock clock) {
        this.sip = sip;
        this.links = links;
        this.clock = clock;
    }

    @Override
    public SiteActivity get() {
        Instant now = clock.instant();
        List<SiteActivity.Phone> phones = new ArrayList<>();
        sip.location().registered(now).forEach((user, bindings) -> bindings.forEach(binding ->
                phones.add(new SiteActivity.Phone(user, binding.userAgent(), binding.flow().transport(), binding.registeredAt()))));
        phones.sort(Comparator.comparing(SiteActivity.Phone::user).thenComparing(SiteActivity.Phone::device));
        List<SiteActivity.Call> calls = sip.calls().list().stream().map(this::call).toList();
        List<SiteActivity.LinkRoundTrip> rtts = links.status().stream()
                .filter(status -> status.state() == LinkState.CONNECTED && status.roundTrip() != null)
                .map(status -> new SiteActivity.LinkRoundTrip(status.site().toString(), status.roundTrip()))
                .sorted(Comparator.comparing(rtt -> rtt.site().toLowerCase(java.util.Locale.ROOT)))
                .toList();
        return new SiteActivity(now, phones, calls, rtts);
    }

    private SiteActivity.Call call(CallsInProgress.Call call) {
        String site = call.site() == null ? "" : call.site();
        Optional<MediaAnchor.CallMedia> media = site.isEmpty() ? Optional.empty() : sip.media(call.callId());
        return new SiteActivity.Call(call.caller(), call.callee(), site, call.since(),
                media.map(MediaAnchor.CallMedia::path).orElse(""),
                media.map(MediaAnchor.CallMedia::lostFromSite).orElse(0L),
                media.map(MediaAnchor.CallMedia::lateFromSite).orElse(0L));
    }
}
