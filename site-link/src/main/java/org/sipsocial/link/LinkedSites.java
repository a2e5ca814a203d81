package org.sipsocial.link;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.sipsocial.identity.SiteName;
import org.sipsocial.link.nat.SeenFromReports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The linked sites as other threads see them, without waiting (SIP routing asks): which sites are linked, where
 * each sees this site from, and where the sites this one dialled see it from (the evidence of its NAT). After each
 * change of the {@link LinkTable} (on the link thread) it sets the links metric and tells the {@link LinkListener}
 * of each link that came up, went down or moved; a listener that fails is logged, never thrown back.
 */
final class LinkedSites {
    private static final Logger LOG = LoggerFactory.getLogger(LinkedSites.class);

    private final LinkListener listener;
    private final LinkMetrics metrics;
    private final Set<SiteName> linked = ConcurrentHashMap.newKeySet();
    private final Map<SiteName, String> seenFrom = new ConcurrentHashMap<>();
    private final SeenFromReports seenByDialledSites = new SeenFromReports();

    LinkedSites(LinkListener listener, LinkMetrics metrics) {
        this.listener = listener;
        this.metrics = metrics;
    }

    /** Whether a link with {@code site} is up now; from any thread. */
    boolean contains(SiteName site) {
        return linked.contains(site);
    }

    /** The address {@code site} sees this site from ({@code host:port}), when linked and known; from any thread. */
    Optional<String> seenFrom(SiteName site) {
        return linked.contains(site) ? Optional.ofNullable(seenFrom.get(site)) : Optional.empty();
    }

    /** Where the sites this one dialled from the link port see it from; from any thread. */
    SeenFromReports seenByDialledSites() {
        return seenByDialledSites;
    }

    /** {@code site} sees this site from {@code address} (a probe's answer), on a dial of ours or not. */
    void seen(SiteName site, String address, boolean ourDial) {
        seenFrom.put(site, address);
        if (ourDial) seenByDialledSites.dialledSiteReports(site.toString(), address);
    }

    /** {@code site} left the Network Connection list: nothing shown may name it. */
    void forget(SiteName site) {
        seenFrom.remove(site);
        seenByDialledSites.forget(site.toString());
    }

    /** After any change of {@code table}: the metric, the view, and the listener told of each link up or down. */
    void changed(LinkTable table) {
        metrics.connected(table.size());
        Set<SiteName> now = table.linkedSites();
        List<SiteName> down = new ArrayList<>();
        for (SiteName site : linked) {
            if (!now.contains(site)) down.add(site);
        }
        List<SiteName> up = new ArrayList<>();
        for (SiteName site : now) {
            if (!linked.contains(site)) up.add(site);
        }
        linked.retainAll(now);
        linked.addAll(now);
        for (SiteName site : up) {
            LinkConnection connection = table.link(site);
            InetAddress farHost = connection == null ? null : connection.peer().address();
            tell(site, "coming up", () -> listener.linkUp(site, farHost));
        }
        for (SiteName site : down) {
            tell(site, "going down", () -> listener.linkDown(site));
        }
    }

    /**
     * The link with {@code site} stayed up over another connection (a direct one replaced the relayed one, issue
     * 15): the listener learns where its other end is now.
     */
    void moved(SiteName site, InetAddress farHost) {
        tell(site, "moving", () -> listener.linkMoved(site, farHost));
    }

    /** The site is stopping: no link is up. */
    void clear() {
        linked.clear();
    }

    private static void tell(SiteName site, String what, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("the link listener failed on the link with {} {}", site, what, e);
        }
    }
}
