package org.sipsocial.store;

import java.util.List;

/**
 * What {@code sipsocial status} shows: the link with every site on the Network Connection list, the public
 * addresses this site is seen from (as its connected peers report them; more than one behind a NAT that maps
 * each peer differently), and the last refused attempts of unknown callers, one line each.
 */
public record NetworkStatus(List<SiteLink> links, List<String> seenFrom, List<String> refusals) {
    public NetworkStatus {
        links = List.copyOf(links);
        seenFrom = List.copyOf(seenFrom);
        refusals = List.copyOf(refusals);
    }
}
