package org.sipsocial.admin.console;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.sipsocial.store.SiteActivity;

/**
 * The last hour of the Live page's charts: registered phones, calls in progress and each link's round trip, one
 * sample a {@link #EVERY minute} in {@link SampleRing}s of an hour each. A link unheard of for an hour is dropped,
 * and at most {@value #MAX_LINKS} links are kept, so the history is bounded whatever the network does.
 */
final class LiveHistory {
    static final Duration WINDOW = Duration.ofHours(1);
    static final Duration EVERY = Duration.ofMinutes(1);
    /** An hour of samples a minute apart, and the one that starts the hour. */
    static final int SAMPLES = (int) (WINDOW.toSeconds() / EVERY.toSeconds()) + 1;
    static final int MAX_LINKS = 64;

    private final SampleRing phones = new SampleRing(SAMPLES);
    private final SampleRing calls = new SampleRing(SAMPLES);
    private final Map<String, SampleRing> roundTrips = new LinkedHashMap<>();

    /** Keeps one sample of {@code activity}. */
    synchronized void record(SiteActivity activity) {
        Instant at = activity.at();
        phones.add(at, activity.phones().size());
        calls.add(at, activity.calls().size());
        for (SiteActivity.LinkRoundTrip link : activity.links()) {
            SampleRing ring = roundTrips.computeIfAbsent(key(link.site()), site -> new SampleRing(SAMPLES));
            ring.add(at, millis(link.roundTrip()));
        }
        Instant hourAgo = at.minus(WINDOW);
        roundTrips.values().removeIf(ring -> ring.latest().map(s -> s.at().isBefore(hourAgo)).orElse(true));
        while (roundTrips.size() > MAX_LINKS) {
            roundTrips.remove(roundTrips.keySet().iterator().next());
        }
    }

    /**
     * The charts of the hour that ends with {@code now}: the history and, as its last point, what {@code now}
     * shows (not kept: only the sampler keeps samples, so the page's polling does not crowd the hour).
     */
    synchronized List<Pages.Chart> charts(SiteActivity now) {
        Instant end = now.at();
        Instant start = end.minus(WINDOW);
        List<Pages.Chart> charts = new ArrayList<>();
        charts.add(SvgChart.draw("chart-phones", "Registered phones", "", with(phones.since(start), end,
                now.phones().size()), end, WINDOW));
        charts.add(SvgChart.draw("chart-calls", "Calls in progress", "", with(calls.since(start), end,
                now.calls().size()), end, WINDOW));
        Map<String, Double> current = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (SiteActivity.LinkRoundTrip link : now.links()) {
            current.put(key(link.site()), millis(link.roundTrip()));
            names.put(key(link.site()), link.site());
        }
        List<String> sites = new ArrayList<>(roundTrips.keySet());
        current.keySet().stream().filter(site -> !roundTrips.containsKey(site)).forEach(sites::add);
        sites.sort(null);
        for (String site : sites) {
            SampleRing ring = roundTrips.get(site);
            List<SampleRing.Sample> samples = ring == null ? new ArrayList<>() : ring.since(start);
            if (current.containsKey(site)) {
                samples = with(samples, end, current.get(site));
            }
            if (!samples.isEmpty()) {
                charts.add(SvgChart.draw("chart-rtt-" + site, "Round trip to " + names.getOrDefault(site, site), " ms",
                        samples, end, WINDOW));
            }
        }
        return charts;
    }

    private static List<SampleRing.Sample> with(List<SampleRing.Sample> history, Instant at, double value) {
        List<SampleRing.Sample> all = new ArrayList<>(history);
        all.add(new SampleRing.Sample(at, value));
        return all;
    }

    private static double millis(Duration roundTrip) {
        return roundTrip.toNanos() / 1_000_000.0;
    }

    private static String key(String site) {
        return site.toLowerCase(Locale.ROOT);
    }
}
