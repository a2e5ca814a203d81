package org.sipsocial.link;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.sipsocial.identity.SiteIdentity;
import org.sipsocial.identity.SiteName;
import org.sipsocial.sip.message.SipMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The links of one site at run time: Connect / Disconnect / status per remote site, the state machine of each
 * ({@link LinkMachine}), and the connections that carry them ({@link LinkSockets}). One thread runs everything
 * (network events, state machines, timers), so nothing here is shared between threads; the public methods
 * hand their work to that thread and wait for it.
 *
 * <pre>{@code
 * SiteLinks links = SiteLinks.builder(identity, pinnedSites, wantedLinks)
 *         .settings(LinkSettings.defaults(new InetSocketAddress("0.0.0.0", 5070)))
 *         .listener((from, message) -> ...)
 *         .start();
 * links.connect(SiteName.of("theSmiths"));
 * links.status(SiteName.of("theSmiths")).map(LinkStatus::line);
 * }</pre>
 */
public final class SiteLinks implements AutoCloseable {
    /** How many inbound refusals {@link #refusals()} keeps. */
    public static final int REFUSALS_KEPT = 32;
    /** How many events {@link #events()} keeps. */
    public static final int EVENTS_KEPT = 32;
    private static final java.time.format.DateTimeFormatter EVENT_TIME =
            java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(java.time.ZoneOffset.UTC);
    /** How long after a change of the listed users the directory goes out, so that a batch of changes goes once. */
    static final Duration PUBLISH_DELAY = Duration.ofMillis(250);
    /**
     * How much later than the side that asked for a relayed link the other side tries a direct dial (issue 15):
     * well within a dial's patience, so that the two dials still cross.
     */
    static final Duration ANSWERER_LAG = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(SiteLinks.class);

    private final SiteIdentity self;
    private final PinnedSites sites;
    private final WantedLinks wanted;
    private final LinkSettings settings;
    private final Clock clock;
    private final LinkListener listener;
    private final ListedUsers listedUsers;
    private final LinkDirectory directory;
    private boolean publishing;
    private final LinkMetrics metrics;
    private final LinkTls tls;
    private final LinkSockets sockets;
    private final LinkScheduler scheduler;
    private final Map<SiteName, LinkMachine> machines = new HashMap<>();
    private final LinkTable table;
    private final Deque<LinkError> refusals = new ArrayDeque<>();
    private final Deque<String> eventLines = new ArrayDeque<>();
    private final Events events = new Events();
    /** The linked sites, and where each sees us from: read from any thread without waiting (SIP routing asks). */
    private final java.util.Set<SiteName> linkedView = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Map<SiteName, String> seenFromView = new java.util.concurrent.ConcurrentHashMap<>();
    private final org.sipsocial.link.nat.SeenFromReports seenByDialledSites = new org.sipsocial.link.nat.SeenFromReports();
    private final RelayDesk relayDesk;
    private final RelayDialler relayDialler;
    private volatile boolean closed;

    private SiteLinks(Builder b) {
        this.self = b.self;
        this.sites = b.sites;
        this.wanted = b.wanted;
        this.settings = b.settings;
        this.clock = b.clock;
        this.listener = b.listener;
        this.listedUsers = b.listedUsers;
        this.directory = new LinkDirectory(self.site());
        this.directory.publish(listedUsers.names()); // before the link thread sees it
        this.metrics = new LinkMetrics(b.registry);
        this.tls = new LinkTls(self);
        this.sockets = new LinkSockets(self.site());
        this.table = new LinkTable(self.site(), this::retireLater);
        this.scheduler = (delay, task) -> {
            var f = sockets.loop().schedule(task, delay.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
            return () -> f.cancel(false);
        };
        this.relayDesk = new RelayDesk(self.site(), sockets.loop(), sites, table, settings, b.relay, clock, b.registry,
                this::note, site -> machines.containsKey(site) && machines.get(site).refuses());
        this.relayDialler = new RelayDialler(self, sites, tls, settings, clock, sockets.loop(), new RelayDialler.Links() {
            @Override
            public List<SiteName> directlyLinked() {
                return table.directlyLinked();
            }

            @Override
            public LinkConnection connection(PinnedTrust trust, RemoteSite far) {
                return new LinkConnection(self, trust, far, settings, events, clock);
            }

            @Override
            public void relayFailed(SiteName far, String why) {
                machine(far).relayFailed(why);
                note(far + ": " + why);
            }

            @Override
            public boolean wants(SiteName site) {
                LinkMachine m = machines.get(site);
                return table.link(site) == null && (m == null || !m.refuses());
            }
        });
    }

    /**
     * What this site relays for {@code site} (issue 15), one plain phrase, or empty; from any thread (waits for
     * the link thread).
     */
    public Optional<String> relayedFor(SiteName site) {
        return call(() -> relayDesk.carriedFor(site));
    }

    /** For tests: sees every chunk of bytes this site relays, as it forwards it. */
    void tapRelayed(java.util.function.Consumer<byte[]> tap) {
        call(() -> {
            relayDesk.tap(tap);
            return null;
        });
    }

    /**
     * A direct dial to {@code site} failed in a way a relay can get around (no answer, or nothing listening where
     * the list says): unless a link is up, the sites linked directly are asked to relay it (issue 15).
     */
    private void relayIfNoDirectPath(SiteName site, LinkError error) {
        if (error.failure() != LinkFailure.NO_ANSWER && error.failure() != LinkFailure.NOTHING_LISTENS) return;
        LinkMachine m = machines.get(site);
        if (m == null || !m.wanted() || table.link(site) != null) return;
        sites.byName(site).ifPresent(relayDialler::tryRelay);
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
    private void tryDirectWhileRelayed(SiteName site, LinkConnection relayed) {
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
        }, wait, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    public static Builder builder(SiteIdentity self, PinnedSites sites, WantedLinks wanted) {
        return new Builder(self, sites, wanted);
    }

    /** The bound link port. */
    public InetSocketAddress localAddress() {
        return sockets.local();
    }

    public SiteName site() {
        return self.site();
    }

    /**
     * Connect: keeps trying for the connect window; the link stays up until either side disconnects. The other
     * side need not press Connect: having our certificate on its list is its consent, unless its administrator
     * disconnected us.
     *
     * @return the status right after the request (a site not on the list is refused at once)
     */
    public LinkStatus connect(SiteName site) {
        return call(() -> {
            if (sites.byName(site).isEmpty()) return LinkStatus.notOnList(site);
            LinkMachine m = machine(site);
            relayDialler.connectPressed(site);
            m.connect();
            note(site + ": Connect pressed here; " + m.status().line());
            return m.status();
        });
    }

    /**
     * Disconnect: takes the link down on both sides; the other side shows who disconnected. The Disconnect stands
     * (across restarts): a Connect from the other side is refused until {@link #connect} is called here.
     */
    public LinkStatus disconnect(SiteName site) {
        return call(() -> {
            if (!machines.containsKey(site) && sites.byName(site).isEmpty()) return LinkStatus.notOnList(site);
            LinkMachine m = machine(site);
            m.disconnect();
            note(site + ": disconnected by " + self.site() + " (this site)");
            return m.status();
        });
    }

    /** The status of the link with {@code site}, or empty when it is not on the list. */
    public Optional<LinkStatus> status(SiteName site) {
        return call(() -> sites.byName(site).isEmpty() ? Optional.<LinkStatus>empty() : Optional.of(machine(site).status()));
    }

    /** The status of every remote site this run has dealt with. */
    public List<LinkStatus> status() {
        return call(() -> {
            List<LinkStatus> out = new ArrayList<>();
            machines.values().forEach(m -> out.add(m.status()));
            return out;
        });
    }

    /** Whether a link with {@code site} is up now; answers at once, from any thread. */
    public boolean isLinked(SiteName site) {
        return linkedView.contains(site);
    }

    /** The address {@code site} sees this site from ({@code host:port}), when linked and known; at once, any thread. */
    public Optional<String> seenFrom(SiteName site) {
        return linkedView.contains(site) ? Optional.ofNullable(seenFromView.get(site)) : Optional.empty();
    }

    /** Where the sites this one dialled from the link port see it from, the evidence of its NAT; any thread. */
    public org.sipsocial.link.nat.SeenFromReports seenByDialledSites() {
        return seenByDialledSites;
    }

    /** After any change of the table of links: the metric and the view that other threads read. */
    private void tableChanged() {
        metrics.connected(table.size());
        java.util.Set<SiteName> linked = table.linkedSites();
        List<SiteName> down = new ArrayList<>();
        for (SiteName site : linkedView) {
            if (!linked.contains(site)) down.add(site);
        }
        List<SiteName> up = new ArrayList<>();
        for (SiteName site : linked) {
            if (!linkedView.contains(site)) up.add(site);
        }
        linkedView.retainAll(linked);
        linkedView.addAll(linked);
        for (SiteName site : up) {
            LinkConnection connection = table.link(site);
            try {
                listener.linkUp(site, connection == null ? null : connection.peer().address());
            } catch (RuntimeException e) {
                LOG.warn("the link listener failed on the link with {} coming up", site, e);
            }
        }
        for (SiteName site : down) {
            try {
                listener.linkDown(site);
            } catch (RuntimeException e) {
                LOG.warn("the link listener failed on the link with {} going down", site, e);
            }
        }
    }

    /**
     * The link with {@code site} stayed up over another connection (a direct one replaced the relayed one, issue
     * 15): the listener learns where its other end is now.
     */
    private void moved(SiteName site, LinkConnection connection) {
        try {
            listener.linkMoved(site, connection.peer().address());
        } catch (RuntimeException e) {
            LOG.warn("the link listener failed on the link with {} moving", site, e);
        }
    }

    /**
     * A relayed link that a direct one replaced (issue 15) is closed a handshake timeout later, not at once: the
     * other side takes the direct link when our answer to its connect reaches it, and until then its link must not
     * be seen lost through the relay (that would end its calls). What still arrives on it is delivered meanwhile.
     */
    private void retireLater(LinkConnection relayed) {
        sockets.loop().schedule(relayed::closeQuietly, settings.handshakeTimeout().toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /**
     * The listed users changed: the directory goes to every connected site (after {@link #PUBLISH_DELAY}, once for
     * a batch of changes). Reads the {@link ListedUsers} port on the caller's thread.
     */
    public void directoryChanged() {
        if (closed) return;
        List<String> names = listedUsers.names();
        sockets.loop().execute(() -> {
            directory.publish(names);
            if (publishing) return;
            publishing = true;
            scheduler.schedule(PUBLISH_DELAY, () -> {
                publishing = false;
                for (SiteName site : machines.keySet()) {
                    LinkConnection link = table.link(site);
                    if (link != null) link.sendDirectory(directory.pages());
                }
            });
        });
    }

    /**
     * What the connected sites publish: the AORs of their listed users, by site name ignoring case. A site's
     * directory goes when its link goes down.
     */
    public java.util.Map<SiteName, List<String>> directory() {
        return call(directory::received);
    }

    /** Inbound connections refused during the handshake, oldest first (the last {@value #REFUSALS_KEPT}). */
    public List<LinkError> refusals() {
        return call(() -> List.copyOf(refusals));
    }

    /**
     * What happened to the links lately, one plain line each with its time, oldest first (the last
     * {@value #EVENTS_KEPT}): a link made or lost, a dial that timed out or was refused, a disconnect by the other
     * side, an unknown caller refused, a site removed from the list.
     */
    public List<String> events() {
        return call(() -> List.copyOf(eventLines));
    }

    /** Keeps one event line; on the link thread. */
    private void note(String what) {
        eventLines.addLast(EVENT_TIME.format(clock.instant()) + " " + what);
        while (eventLines.size() > EVENTS_KEPT) eventLines.removeFirst();
    }

    /**
     * Sends a SIP message to a connected site over its link (RFC 5923).
     *
     * @return completes when the message is handed to the network; fails with a {@link LinkException} when no
     *         link to the site is up
     */
    public CompletableFuture<Void> send(SiteName site, SipMessage message) {
        Objects.requireNonNull(message, "message");
        CompletableFuture<Void> done = new CompletableFuture<>();
        sockets.loop().execute(() -> {
            LinkConnection link = table.link(site);
            if (link == null || !link.isOpen()) {
                done.completeExceptionally(new LinkException(new LinkError(LinkFailure.NOT_LINKED, site.toString(), "", null)));
                return;
            }
            link.send(message).addListener(f -> {
                if (f.isSuccess()) done.complete(null); else done.completeExceptionally(f.cause());
            });
        });
        return done;
    }

    /**
     * Sends a {@link LinkFrame} to a connected site over its link, without waiting; dropped when no link to the
     * site is up (the layer above learns of links through its {@link LinkListener}).
     */
    public void send(SiteName site, LinkFrame frame) {
        Objects.requireNonNull(frame, "frame");
        sockets.loop().execute(() -> {
            LinkConnection link = table.link(site);
            if (link != null) link.send(frame);
        });
    }

    /**
     * The Network Connection list changed: a link whose site was removed is disconnected (the other side is
     * told) and forgotten; a link whose site's certificate was replaced is closed and retried, so the next
     * handshake judges the new certificate.
     */
    public void sitesChanged() {
        call(() -> {
            for (SiteName site : new ArrayList<>(machines.keySet())) {
                Optional<RemoteSite> entry = sites.byName(site);
                LinkConnection link = table.link(site);
                if (entry.isEmpty()) {
                    directory.forget(site);
                    seenFromView.remove(site);
                    seenByDialledSites.forget(site.toString());
                    machines.remove(site).disconnect();
                    // The latest event must not name a removed site as if it were still on the list.
                    note(site + ": removed from the Network Connection list");
                    wanted.choose(site, LinkChoice.NONE);
                    tableChanged();
                } else if (link != null && !pinsPeer(entry.get(), link)) {
                    table.unlinked(site, link);
                    directory.forget(site);
                    tableChanged();
                    link.closeQuietly();
                    machines.get(site).lost(new LinkError(LinkFailure.NOT_THE_IMPORTED_CERTIFICATE,
                            site.toString(), entry.get().hostPort(), null));
                }
            }
            return null;
        });
    }

    private static boolean pinsPeer(RemoteSite entry, LinkConnection link) {
        java.security.cert.X509Certificate presented = link.peer().certificate();
        return presented != null && entry.pins(presented);
    }

    private LinkMachine machine(SiteName site) {
        return machines.computeIfAbsent(site, s -> new LinkMachine(s, settings, clock, scheduler, new Actions(s),
                java.util.concurrent.ThreadLocalRandom.current()::nextDouble));
    }

    private void bindAndResume() {
        sockets.listen(settings.listen(), remote -> {
            PinnedTrust trust = PinnedTrust.answering(sites, LinkMessages.hostPort(remote), clock);
            LinkConnection connection = new LinkConnection(self, trust, null, settings, events, clock);
            return new LinkSockets.Stages(new SimultaneousOpen(SimultaneousOpen.Start.ANSWER,
                    answering -> tls.answering(trust), settings.handshakeTimeout(), connection, () -> { }), connection);
        });
        call(() -> {
            for (SiteName site : wanted.disconnected()) {
                if (sites.byName(site).isPresent()) machine(site).resume(LinkChoice.DISCONNECT);
            }
            for (SiteName site : wanted.wanted()) {
                if (sites.byName(site).isPresent()) machine(site).resume(LinkChoice.CONNECT);
            }
            return null;
        });
    }

    /** What the state machine of one site asks of the network. */
    private final class Actions implements LinkMachine.Actions {
        private final SiteName site;

        Actions(SiteName site) {
            this.site = site;
        }

        @Override
        public void dial(Duration patience) {
            if (table.busy(site)) return;
            Optional<RemoteSite> entry = sites.byName(site);
            if (entry.isEmpty()) {
                LinkError error = new LinkError(LinkFailure.NOT_ON_LIST, site.toString(), "", null);
                sockets.loop().execute(() -> machine(site).dialFailed(error));
                return;
            }
            open(entry.get(), patience);
        }

        @Override
        public void hangUp() {
            LinkConnection link = table.hangUp(site);
            directory.forget(site);
            tableChanged();
            if (link != null) link.disconnect();
        }

        @Override
        public void chose(LinkChoice choice) {
            wanted.choose(site, choice);
        }
    }

    /**
     * Dials a site from the link port, so that a port-preserving NAT maps the link where the other site expects
     * it. Never from another port: the other site's NAT lets through only the link port it dials itself.
     */
    private void open(RemoteSite remote, Duration patience) {
        PinnedTrust trust = PinnedTrust.dialling(sites, remote.name(), remote.hostPort(), clock);
        LinkConnection connection = new LinkConnection(self, trust, remote, settings, events, clock);
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
            events.dialFailed(remote, connection, LinkError.of(DialOutcome.ofConnect(cause), remote));
        });
        if (patience.compareTo(settings.connectTimeout()) > 0) {
            sockets.loop().schedule(() -> {
                if (!connecting.isDone() && table.isDialling(remote.name(), connection)
                        && table.link(remote.name()) == null) {
                    LinkError error = LinkError.of(LinkFailure.NO_ANSWER, remote);
                    machine(remote.name()).noAnswerYet(error);
                    note(remote.name() + ": " + error.line());
                    relayIfNoDirectPath(remote.name(), error);
                }
            }, settings.connectTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    /** The connections' reports, turned into state machine events. */
    private final class Events implements LinkEvents {
        @Override
        public void dialFailed(RemoteSite site, LinkConnection connection, LinkError error) {
            if (!table.dialEnded(site.name(), connection)) return;
            metrics.dialFailed(error.failure());
            if (table.link(site.name()) != null) return; // a direct dial while the link is relayed
            machine(site.name()).dialFailed(error);
            note(site.name() + ": " + error.line());
            relayIfNoDirectPath(site.name(), error);
        }

        @Override
        public void peerRefuses(RemoteSite site, LinkConnection connection) {
            if (table.dialEnded(site.name(), connection)) {
                LinkError error = LinkError.of(LinkFailure.THEY_DISCONNECTED, site);
                machine(site.name()).peerRefuses(error);
                note(site.name() + ": " + error.line());
            }
        }

        /** One Connect is enough: the other side's connect links unless our administrator disconnected it. */
        @Override
        public boolean offered(RemoteSite site, LinkConnection connection) {
            LinkMachine m = machine(site.name());
            if (!m.refuses()) return true;
            m.peerAsked();
            return false;
        }

        @Override
        public void linked(RemoteSite site, LinkConnection connection) {
            LinkConnection before = table.link(site.name());
            if (!table.linked(site.name(), connection)) return;
            tableChanged();
            if (before != null && before != connection) moved(site.name(), connection);
            SiteName initiator = connection.initiator() ? self.site() : site.name();
            machine(site.name()).linked(initiator, connection.peer().through());
            note(site.name() + ": connected" + (connection.peer().through() == null ? "" : " through " + connection.peer().through())
                    + ", initiated by " + initiator);
            connection.sendDirectory(directory.pages());
            if (connection.peer().through() != null) tryDirectWhileRelayed(site.name(), connection);
        }

        @Override
        public void measured(RemoteSite site, LinkConnection connection, Duration roundTrip, String seenFrom) {
            machine(site.name()).measured(roundTrip, seenFrom);
            if (seenFrom != null) seenFromView.put(site.name(), seenFrom);
            if (seenFrom != null && connection.peer().ourDial()) seenByDialledSites.dialledSiteReports(site.name().toString(), seenFrom);
        }

        @Override
        public void peerDisconnected(RemoteSite site, LinkConnection connection) {
            if (!table.unlinked(site.name(), connection)) return;
            tableChanged();
            directory.forget(site.name());
            machine(site.name()).peerDisconnected();
            note(site.name() + ": disconnected by " + site.name());
        }

        @Override
        public void lost(RemoteSite site, LinkConnection connection, LinkError error) {
            if (!table.unlinked(site.name(), connection)) return;
            tableChanged();
            directory.forget(site.name());
            machine(site.name()).lost(error);
            note(site.name() + ": link lost: " + error.line());
        }

        @Override
        public void refused(LinkError error) {
            LOG.info("site link {}", error.line());
            metrics.refused(error.failure());
            refusals.addLast(error);
            note(error.line());
            while (refusals.size() > REFUSALS_KEPT) refusals.removeFirst();
        }

        @Override
        public LinkDirectory.Answer directoryPage(RemoteSite site, LinkConnection connection,
                                                  org.sipsocial.sip.message.SipRequest page) {
            if (table.link(site.name()) != connection) return new LinkDirectory.Answer(400, "Not Linked");
            return directory.receive(site.name(), page.headerValue(LinkMessages.PAGE_HEADER), page.bodyText());
        }

        @Override
        public void received(RemoteSite site, LinkFrame frame) {
            try {
                listener.received(site.name(), frame);
            } catch (RuntimeException e) {
                LOG.warn("the link listener failed on a frame from {}", site.name(), e);
            }
        }

        @Override
        public void relayAsked(RemoteSite site, LinkConnection connection, org.sipsocial.sip.message.SipRequest request) {
            relayDesk.asked(site, connection, request);
        }

        @Override
        public void relayOffered(RemoteSite site, LinkConnection connection, org.sipsocial.sip.message.SipRequest request) {
            relayDialler.offered(site, connection, request);
        }

        @Override
        public void received(RemoteSite site, SipMessage message) {
            try {
                listener.received(site.name(), message);
            } catch (RuntimeException e) {
                LOG.warn("the link listener failed on a message from {}", site.name(), e);
            }
        }
    }

    private <T> T call(java.util.concurrent.Callable<T> task) {
        return sockets.call(task);
    }

    /** Stops: closes the link port and every connection (the other sides see the links lost, not disconnected). */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        call(() -> {
            table.closeAll();
            linkedView.clear();
            return null;
        });
        sockets.close();
    }

    /** Configures and starts the links of a site. */
    public static final class Builder {
        private final SiteIdentity self;
        private final PinnedSites sites;
        private final WantedLinks wanted;
        private LinkSettings settings = LinkSettings.defaults(new InetSocketAddress(5070));
        private Clock clock = Clock.systemUTC();
        private LinkListener listener = LinkListener.NONE;
        private ListedUsers listedUsers = ListedUsers.NONE;
        private MeterRegistry registry = new SimpleMeterRegistry();
        private org.sipsocial.link.relay.RelayPolicy relay = org.sipsocial.link.relay.RelayPolicy.OFF;

        private Builder(SiteIdentity self, PinnedSites sites, WantedLinks wanted) {
            this.self = Objects.requireNonNull(self, "self");
            this.sites = Objects.requireNonNull(sites, "sites");
            this.wanted = Objects.requireNonNull(wanted, "wanted");
        }

        public Builder settings(LinkSettings value) {
            this.settings = Objects.requireNonNull(value);
            return this;
        }

        /** The clock that judges certificate validity and stamps "connected since". */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value);
            return this;
        }

        public Builder listener(LinkListener value) {
            this.listener = Objects.requireNonNull(value);
            return this;
        }

        /** The port to the users whose AORs the links publish to connected sites (none by default). */
        public Builder listedUsers(ListedUsers value) {
            this.listedUsers = Objects.requireNonNull(value);
            return this;
        }

        /** What this site relays for other sites (issue 15); off by default. */
        public Builder relay(org.sipsocial.link.relay.RelayPolicy value) {
            this.relay = Objects.requireNonNull(value);
            return this;
        }

        public Builder metrics(MeterRegistry value) {
            this.registry = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Binds the link port and reconnects the links that were wanted when the site last stopped.
         *
         * @throws IllegalStateException when the link port cannot be bound
         */
        public SiteLinks start() {
            SiteLinks links = new SiteLinks(this);
            try {
                links.bindAndResume();
            } catch (RuntimeException e) {
                links.sockets.close();
                throw new IllegalStateException("cannot listen for site links on " + settings.listen() + ": " + e, e);
            }
            return links;
        }
    }
}
