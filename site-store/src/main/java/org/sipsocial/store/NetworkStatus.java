package org.sipsocial.store;

import java.util.List;
import java.util.Optional;

/**
 * What {@code sipsocial status} shows: the link with every site on the Network Connection list, the public
 * addresses this site is seen from (as its connected peers report them; more than one behind a NAT that maps
 * each peer differently), the last refused attempts of unknown callers, one line each, and the last events of
 * the links in plain words, oldest first (what the console's Status Message line shows the latest of).
 */
public record NetworkStatus(List<SiteLink> links, List<String> seenFrom, List<String> refusals, List<String> events) {
    public NetworkStatus {
        links = List.copyOf(links);
        seenFrom = List.copyOf(seenFrom);
        refusals = List.copyOf(refusals);
        events = List.copyOf(events);
    }

    /** A status without events (a site whose links report none). */
    public NetworkStatus(List<SiteLink> links, List<String> seenFrom, List<String> refusals) {
        this(links, seenFrom, refusals, List.of());
    }

    /** The latest event, in plain words with its time; empty before the first. */
    public Optional<String> latestEvent() {
        return events.isEmpty() ? Optional.empty() : Optional.of(events.get(events.size() - 1));
    }
}
