package org.sipsocial.link;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.sipsocial.identity.SiteIdentity;
import org.sipsocial.identity.SiteName;
import org.sipsocial.sip.message.SipRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dials remote sites from the link port for their state machines, and turns a dial that failed into their events.
 * A direct dial that fails in a way a relay can get around (issue 15) has the {@link RelayDialler} it owns ask the
 * sites linked directly to relay; while a link is relayed, a direct dial is tried now and then. On the link thread.
 */
final class DirectDialler implements RelayDialler.Links {
    /**
     * How much later than the side that asked for a relayed link the other side tries a direct dial (issue 15):
     * well within a dial's patience, so that the two dials still cross.
     */
    static final Duration ANSWERER_LAG = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(DirectDialler.class);

    private final SiteIdentity self;
    private final PinnedSites sites;
    private final LinkSettings settings;
    private final Clock clock;
    private final LinkTls tls;
    private final LinkSockets sockets;
    private final LinkTable table;
    private final LinkMachines machines;
    private final LinkMetrics metrics;
    private final LinkEventLog log;
    private final BiFunction<PinnedTrust, RemoteSite, LinkConnection> connections;
    private final RelayDialler relays;

    /** {@code connections} makes a connection that reports where every link's connection reports. */
    DirectDialler(SiteIdentity self, PinnedSites sites, LinkSettings settings, Clock clock, LinkTls tls,
                  LinkSockets sockets, LinkTable table, LinkMachines machines, LinkMetrics metrics, LinkEventLog log,
                  BiFunction<PinnedTrust, RemoteSite, LinkConnection> connections) {
        this.self = self;
        this.sites = sites;
        this.settings = settings;
        this.clock = clock;
        this.tls = tls;
        this.sockets = sockets;
        this.table = table;
        this.machines = machines;
        this.metrics = metrics;
        this.log = log;
        this.connections = connections;
        this.relays = new RelayDialler(self, sites, tls, settings, clock, sockets.loop(), this);
    }

    /** The state machine of {@code site} asks for a dial, waiting up to {@code patience} for the TCP connect. */
    void dial(SiteName site, Duration patience) {
        if (table.busy(site)) return;
        Optional<RemoteSite> entry = sites.byName(site);
        if (entry.isEmpty()) {
            LinkError error = new LinkError(LinkFailure.NOT_ON_LIST, site.toString(), "", null);
            sockets.loop().execute(() -> machines.of(site).dialFailed(error));
            return;
        }
        open(entry.get(), patience);
    }

    /**
     * Dials a site from the link port, so that a port-preserving NAT maps the link where the other site expects
     * it. Never from another port: the other site's NAT lets through only the link port it dials itself.
     */
    private void open(RemoteSite remote, Duration patience) {
        PinnedTrust trust = PinnedTrust.dialling(sites, remote.name(), remote.hostPort(), clock);
        LinkConnection connection = connections.apply(trust, remote);
        table.dialling(remote.name(), connection);
        boolean weSortFirst = self.site().key().compareTo(remote.name().key()) < 0;
        SimultaneousOpen open = new SimultaneousOpen(SimultaneousOpen.forDial(weSortFirst),
                answering -> answering ? tls.answering(trust) : tls.dialling(trust, remote.name().toString(), remote.port()),
                settings.handshakeTimeout(), connection, () -> {
                    LOG.info("the dials of {} and {} crossed (TCP simultaneous open): {} answers the TLS handshake",
                            self.site(), remote.name(), self.site());
                    metrics.crossedDial();
                });
        LinkSockets.Stages stages = new LinkSockets.Stages(open, connection);
        LOG.debug("dialling {} at {}, waiting up to {}", remote.name(), remote.hostPort(), patience);
        var connecting = sockets.dial(remote.address(), patience, stages, cause -> {
            LOG.debug("dial {} failed: {}", remote.hostPort(), cause.toString());
            dialFailed(remote, connection, LinkError.of(DialOutcome.ofConnect(cause), remote));
        });
        if (patience.compareTo(settings.connectTimeout()) > 0) {
            sockets.loop().schedule(() -> {
                if (!connecting.isDone() && table.isDialling(remote.name(), connection)
                        && table.link(remote.name()) == null) {
                    LinkError error = LinkError.of(LinkFailure.NO_ANSWER, remote);
                    machines.of(remote.name()).noAnswerYet(error);
                    log.note(remote.name() + ": " + error.line());
                    relayIfNoDirectPath(remote.name(), error);
                }
            }, settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The dial {@code connection} to {@code site} failed. */
    void dialFailed(RemoteSite site, LinkConnection connection, LinkError error) {
        if (!table.dialEnded(site.name(), connection)) return;
        metrics.dialFailed(error.failure());
        if (table.link(site.name()) != null) return; // a direct dial while the link is relayed
        machines.of(site.name()).dialFailed(error);
        log.note(site.name() + ": " + error.line());
        relayIfNoDirectPath(site.name(), error);
    }

    /** The dial {@code connection} got through, but the other site's administrator disconnected this one. */
    void peerRefuses(RemoteSite site, LinkConnection connection) {
        if (table.dialEnded(site.name(), connection)) {
            LinkError error = LinkError.of(LinkFailure.THEY_DISCONNECTED, site);
            machines.of(site.name()).peerRefuses(error);
            log.note(site.name() + ": " + error.line());
        }
    }

    /**
     * A direct dial to {@code site} failed in a way a relay can get around (no answer, or nothing listening where
     * the list says): unless a link is up, the sites linked directly are asked to relay it (issue 15).
     */
    private void relayIfNoDirectPath(SiteName site, LinkError error) {
        if (error.failure() != LinkFailure.NO_ANSWER && error.failure() != LinkFailure.NOTHING_LISTENS) return;
        LinkMachine m = machines.get(site);
        if (m == null || !m.wanted() || table.link(site) != null) return;
        sites.byName(site).ifPresent(relays::tryRelay);
    }

    /**
     * While a link is relayed, a direct dial is tried now and then: when it links, it replaces the relayed one
     * ({@link LinkTable#linked}). Both sides dial, so that the dials cross through two NATs; the side that asked for
     * the relayed link dials {@link #ANSWERER_LAG} before the other. Its direct dial failed before, and its router
     * may still track that dial with its old sequence numbers (a Linux router keeps an unanswered SYN's entry for
     * 120 s). Were the other side's SYN to reach that router first, this site would answer it with a SYN-ACK that the
     * router judges out of window and drops, and its own dial would find the port pair taken: the link would stay
     * relayed (seen in SitesAcrossNetworksIT). Its own SYN first refreshes the router's entry for that port pair,
     * and the other side's SYN then crosses it. The lag shifts only the first try: both sides then try at the same
     * period, so that they stay a lag apart rather than drift further apart with every try.
     */
    void whileRelayed(SiteName site, LinkConnection relayed) {
        tryDirectWhileRelayed(site, relayed, relayed.initiator() ? Duration.ZERO : ANSWERER_LAG);
    }

    private void tryDirectWhileRelayed(SiteName site, LinkConnection relayed, Duration lag) {
        long wait = settings.maxBackoff().multipliedBy(4).plus(lag).toMillis();
        sockets.loop().schedule(() -> {
            if (table.link(site) != relayed || !relayed.isOpen()) return;
            if (!table.busyDialling(site)) {
                sites.byName(site).ifPresent(entry -> open(entry, settings.connectTimeout()));
            }
            tryDirectWhileRelayed(site, relayed, Duration.ZERO);
        }, wait, TimeUnit.MILLISECONDS);
    }

    /** Connect was pressed for {@code site}: every relay may be asked for it again at once. */
    void connectPressed(SiteName site) {
        relays.connectPressed(site);
    }

    /** On a link that is up, the relaying site {@code relay} offers a relayed link ({@link RelayDialler#offered}). */
    void relayOffered(RemoteSite relay, LinkConnection connection, SipRequest offer) {
        relays.offered(relay, connection, offer);
    }

    @Override
    public List<SiteName> directlyLinked() {
        return table.directlyLinked();
    }

    @Override
    public LinkConnection connection(PinnedTrust trust, RemoteSite far) {
        return connections.apply(trust, far);
    }

    @Override
    public void relayFailed(SiteName far, String why) {
        machines.of(far).relayFailed(why);
        log.note(far + ": " + why);
    }

    @Override
    public boolean wants(SiteName site) {
        LinkMachine m = machines.get(site);
        return table.link(site) == null && (m == null || !m.refuses());
    }
}
