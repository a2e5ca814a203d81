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
    /** How many ports {@link #lastAtPort} remembers reports at, the most recent ones. */
    static final int PORTS_KEPT = 64;

    private final Map<String, PeerReport> latest = new ConcurrentHashMap<>();
    private final Map<Integer, PeerReport> byPort = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, PeerReport> eldest) {
            return size() > PORTS_KEPT;
        }
    };

    /**
     * {@code site}, dialled from the link port, sees this site from {@code hostPort}.
     *
     * @throws IllegalArgumentException when {@code hostPort} has no port
     */
    public void dialledSiteReports(String site, String hostPort) {
        PeerReport report = PeerReport.of(site, hostPort);
        latest.put(site.toLowerCase(java.util.Locale.ROOT), report);
        synchronized (byPort) {
            byPort.put(report.port(), report);
        }
    }

    /**
     * Forgets what {@code site} reported (it was removed from the Network Connection list): nothing the site shows
     * may name a site that is no longer on the list.
     */
    public void forget(String site) {
        latest.remove(site.toLowerCase(java.util.Locale.ROOT));
        synchronized (byPort) {
            byPort.values().removeIf(report -> report.site().equalsIgnoreCase(site));
        }
    }

    /**
     * The last report, from any site and earlier ones included, of this site seen from {@code port}: a NAT that
     * kept the link port once keeps it when it is free, though a later report may show another (the port was held
     * by an earlier connection to the same place).
     */
    public java.util.Optional<PeerReport> lastAtPort(int port) {
        synchronized (byPort) {
            return java.util.Optional.ofNullable(byPort.get(port));
        }
    }

    /** The latest report of each peer, by site name. */
    public List<PeerReport> reports() {
        List<PeerReport> reports = new ArrayList<>(latest.values());
        reports.sort(java.util.Comparator.comparing(report -> report.site().toLowerCase(java.util.Locale.ROOT)));
        return reports;
    }
}
