package org.sipsocial.link.nat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest report of each peer this site dialled from its link port, on where it sees this site from: the
 * evidence a {@link NatVerdict} is judged on. Only dials count: a peer that dialled this site sees it at the address
 * it dialled (a router's port forward, say), which says nothing of how the NAT maps what this site sends. Written
 * on the link thread, read from any thread.
 */
public final class SeenFromReports {
    private final Map<String, PeerReport> latest = new ConcurrentHashMap<>();

    /**
     * {@code site}, dialled from the link port, sees this site from {@code hostPort}.
     *
     * @throws IllegalArgumentException when {@code hostPort} has no port
     */
    public void dialledSiteReports(String site, String hostPort) {
        latest.put(site.toLowerCase(java.util.Locale.ROOT), PeerReport.of(site, hostPort));
    }

    /** The latest report of each peer, by site name. */
    public List<PeerReport> reports() {
        List<PeerReport> reports = new ArrayList<>(latest.values());
        reports.sort(java.util.Comparator.comparing(report -> report.site().toLowerCase(java.util.Locale.ROOT)));
        return reports;
    }
}
