package org.sipsocial.store;

import java.util.List;
import java.util.Optional;

/**
 * What {@code sipsocial status} shows: the link with every site on the Network Connection list, the public
 * addresses this site is seen from (as its connected peers report them, more than one behind a NAT that maps
 * each peer differently, and as the router reports a port mapping), the last refused attempts of unknown callers,
 * one line each, the last events of the links in plain words, oldest first (what the console's Status Message
 * line shows the latest of), and what the router mapped to this site or why nothing ({@code portMapping}, one
 * line; empty when unknown), and what this site learned of the NAT in front of it from the sites it dialled
 * ({@code nat}, one plain line; empty while nothing is known).
 */
public record NetworkStatus(List<SiteLink> links, List<String> seenFrom, List<String> refusals, List<String> events,
        String portMapping, String nat) {
    public NetworkStatus {
        links = List.copyOf(links);
        seenFrom = List.copyOf(seenFrom);
        refusals = List.copyOf(refusals);
        events = List.copyOf(events);
        portMapping = portMapping == null ? "" : portMapping;
        nat = nat == null ? "" : nat;
    }

    /** A status that says nothing of the NAT. */
    public NetworkStatus(List<SiteLink> links, List<String> seenFrom, List<String> refusals, List<String> events,
            String portMapping) {
        this(links, seenFrom, refusals, events, portMapping, "");
    }

    /** A status without events and that says nothing of port mapping. */
    public NetworkStatus(List<SiteLink> links, List<String> seenFrom, List<String> refusals) {
        this(links, seenFrom, refusals, List.of(), "", "");
    }

    /** A status that says nothing of port mapping. */
    public NetworkStatus(List<SiteLink> links, List<String> seenFrom, List<String> refusals, List<String> events) {
        this(links, seenFrom, refusals, events, "", "");
    }

    /** The latest event, in plain words with its time; empty before the first. */
    public Optional<String> latestEvent() {
        return events.isEmpty() ? Optional.empty() : Optional.of(events.get(events.size() - 1));
    }
}
