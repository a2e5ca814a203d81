package org.sipsocial.link;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;
import org.sipsocial.identity.SiteName;

/**
 * The state machine ({@link LinkMachine}) of each remote site this run has dealt with, made on first use; what each
 * asks of the network ({@link LinkMachine.Actions}); and what becomes of them when the Network Connection list
 * changes. On the link thread.
 */
final class LinkMachines {
    private final Map<SiteName, LinkMachine> machines = new HashMap<>();
    private final LinkSettings settings;
    private final Clock clock;
    private final LinkScheduler scheduler;
    private final PinnedSites sites;
    private final WantedLinks wanted;
    private final LinkTable table;
    private final LinkDirectory directory;
    private final LinkedSites linked;
    private final LinkEventLog log;
    private final BiConsumer<SiteName, Duration> dial;

    /** {@code dial} dials a site, waiting up to the given patience for the TCP connect ({@link DirectDialler#dial}). */
    LinkMachines(LinkSettings settings, Clock clock, LinkScheduler scheduler, PinnedSites sites, WantedLinks wanted,
                 LinkTable table, LinkDirectory directory, LinkedSites linked, LinkEventLog log,
                 BiConsumer<SiteName, Duration> dial) {
        this.settings = settings;
        this.clock = clock;
        this.scheduler = scheduler;
        this.sites = sites;
        this.wanted = wanted;
        this.table = table;
        this.directory = directory;
        this.linked = linked;
        this.log = log;
        this.dial = dial;
    }

    /** The machine of {@code site}, made now if this run has not dealt with it yet. */
    LinkMachine of(SiteName site) {
        return machines.computeIfAbsent(site, s -> new LinkMachine(s, settings, clock, scheduler, new Actions(s),
                ThreadLocalRandom.current()::nextDouble));
    }

    /** The machine of {@code site}, or null when this run has not dealt with it. */
    LinkMachine get(SiteName site) {
        return machines.get(site);
    }

    boolean has(SiteName site) {
        return machines.containsKey(site);
    }

    /** Whether this site refuses a link with {@code site} (its administrator disconnected it). */
    boolean refuses(SiteName site) {
        return machines.containsKey(site) && machines.get(site).refuses();
    }

    /** The sites this run has dealt with. */
    List<SiteName> sites() {
        return new ArrayList<>(machines.keySet());
    }

    /** The status of every remote site this run has dealt with. */
    List<LinkStatus> status() {
        List<LinkStatus> out = new ArrayList<>();
        machines.values().forEach(m -> out.add(m.status()));
        return out;
    }

    /**
     * The Network Connection list changed: a link whose site was removed is disconnected (the other side is
     * told) and forgotten; a link whose site's certificate was replaced is closed and retried, so the next
     * handshake judges the new certificate.
     */
    void listChanged() {
        for (SiteName site : sites()) {
            Optional<RemoteSite> entry = sites.byName(site);
            LinkConnection link = table.link(site);
            if (entry.isEmpty()) {
                directory.forget(site);
                linked.forget(site);
                machines.remove(site).disconnect();
                // The latest event must not name a removed site as if it were still on the list.
                log.note(site + ": removed from the Network Connection list");
                wanted.choose(site, LinkChoice.NONE);
                linked.changed(table);
            } else if (link != null && !pinsPeer(entry.get(), link)) {
                table.unlinked(site, link);
                directory.forget(site);
                linked.changed(table);
                link.closeQuietly();
                machines.get(site).lost(new LinkError(LinkFailure.NOT_THE_IMPORTED_CERTIFICATE,
                        site.toString(), entry.get().hostPort(), null));
            }
        }
    }

    private static boolean pinsPeer(RemoteSite entry, LinkConnection link) {
        java.security.cert.X509Certificate presented = link.peer().certificate();
        return presented != null && entry.pins(presented);
    }

    /** What the state machine of one site asks of the network. */
    private final class Actions implements LinkMachine.Actions {
        private final SiteName site;

        Actions(SiteName site) {
            this.site = site;
        }

        @Override
        public void dial(Duration patience) {
            dial.accept(site, patience);
        }

        @Override
        public void hangUp() {
            LinkConnection link = table.hangUp(site);
            directory.forget(site);
            linked.changed(table);
            if (link != null) link.disconnect();
        }

        @Override
        public void chose(LinkChoice choice) {
            wanted.choose(site, choice);
        }
    }
}
