package org.sipsocial.store;

import java.util.List;

/**
 * What {@code sipsocial status} shows: the link with every site on the Network Connection list, the public
 * addresses this site is seen from (as its connected peers report them, more than one behind a NAT that maps
 * each peer differently, and as the router reports a port mapping), the last refused attempts of unknown callers,
 * one line each, and what the router mapped to this site or why nothing ({@code portMapping}, one line; empty
 * when unknown).
 */
public record NetworkStatus(List<SiteLink> links, List<String> seenFrom, List<String> refusals, String portMapping) {
    public NetworkStatus {
        links = List.copyOf(links);
        seenFrom = List.copyOf(seenFrom);
        refusals = List.copyOf(refusals);
        portMapping = portMapping == null ? "" : portMapping;
    }

    /** A status that says nothing of port mapping. */
    public NetworkStatus(List<SiteLink> links, List<String> seenFrom, List<String> refusals) {
        this(links, seenFrom, refusals, "");
    }
}
