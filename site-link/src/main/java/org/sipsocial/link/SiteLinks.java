package org.sipsocial.link;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.sipsocial.identity.SiteIdentity;
import org.sipsocial.identity.SiteName;
import org.sipsocial.sip.message.SipMessage;

/**
 * The links of one site at run time: Connect / Disconnect / status per remote site, the state machine of each
 * ({@link LinkMachine}, all in {@link LinkMachines}), and the connections that carry them ({@link LinkSockets}),
 * dialled by {@link DirectDialler} and reporting to {@link LinkReports}. One thread runs everything (network events,
 * state machines, timers), so nothing here is shared between threads; the public methods hand their work to that
 * thread and wait for it, except what {@link LinkedSites} lets other threads read at once.
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
    /** How long after a change of the listed users the directory goes out, so that a batch of changes goes once. */
    static final Duration PUBLISH_DELAY = Duration.ofMillis(250);

    private final SiteIdentity self;
    private final PinnedSites sites;
    private final WantedLinks wanted;
    private final LinkSettings settings;
    private final Clock clock;
    private final ListedUsers listedUsers;
    private final LinkDirectory directory;
    private boolean publishing;
    private final LinkTls tls;
    private final LinkSockets sockets;
    private final LinkScheduler scheduler;
    private final LinkTable table;
    private final LinkEventLog log;
    /** The linked sites, and where each sees us from: read from any thread without waiting (SIP routing asks). */
    private final LinkedSites linked;
    private final LinkMachines machines;
    private final RelayDesk relayDesk;
    private final DirectDialler dialler;
    private final LinkReports reports;
    private volatile boolean closed;

    private SiteLinks(Builder b) {
        this.self = b.self;
        this.sites = b.sites;
        this.wanted = b.wanted;
        this.settings = b.settings;
        this.clock = b.clock;
        this.listedUsers = b.listedUsers;
        this.directory = new LinkDirectory(self.site());
        this.directory.publish(listedUsers.names()); // before the link thread sees it
        LinkMetrics metrics = new LinkMetrics(b.registry);
        this.tls = new LinkTls(self);
        this.sockets = new LinkSockets(self.site());
        this.table = new LinkTable(self.site(), this::retireLater);
        this.scheduler = (delay, task) -> {
            var f = sockets.loop().schedule(task, delay.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
            return () -> f.cancel(false);
        };
        this.log = new LinkEventLog(clock);
        this.linked = new LinkedSites(b.listener, metrics);
        this.machines = new LinkMachines(settings, clock, scheduler, sites, wanted, table, directory, linked, log,
                this::dial);
        this.relayDesk = new RelayDesk(self.site(), sockets.loop(), sites, table, settings, b.relay, clock, b.registry,
                log::note, machines::refuses);
        this.dialler = new DirectDialler(self, sites, settings, clock, tls, sockets, table, machines, metrics, log,
                this::connection);
        this.reports = new LinkReports(self.site(), table, machines, linked, log, directory, metrics, b.listener,
                relayDesk, dialler);
    }

    /** A new connection of a link with {@code dialled} (null: one we answer), reporting to {@link LinkReports}. */
    private LinkConnection connection(PinnedTrust trust, RemoteSite dialled) {
        return new LinkConnection(self, trust, dialled, settings, reports, clock);
    }

    private void dial(SiteName site, Duration patience) {
        dialler.dial(site, patience);
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
            LinkMachine m = machines.of(site);
            dialler.connectPressed(site);
            m.connect();
            log.note(site + ": Connect pressed here; " + m.status().line());
            return m.status();
        });
    }

    /**
     * Disconnect: takes the link down on both sides; the other side shows who disconnected. The Disconnect stands
     * (across restarts): a Connect from the other side is refused until {@link #connect} is called here.
     */
    public LinkStatus disconnect(SiteName site) {
        return call(() -> {
            if (!machines.has(site) && sites.byName(site).isEmpty()) return LinkStatus.notOnList(site);
            LinkMachine m = machines.of(site);
            m.disconnect();
            log.note(site + ": disconnected by " + self.site() + " (this site)");
            return m.status();
        });
    }

    /** The status of the link with {@code site}, or empty when it is not on the list. */
    public Optional<LinkStatus> status(SiteName site) {
        return call(() -> sites.byName(site).isEmpty() ? Optional.<LinkStatus>empty() : Optional.of(machines.of(site).status()));
    }

    /** The status of every remote site this run has dealt with. */
    public List<LinkStatus> status() {
        return call(machines::status);
    }

    /** Whether a link with {@code site} is up now; answers at once, from any thread. */
    public boolean isLinked(SiteName site) {
        return linked.contains(site);
    }

    /** The address {@code site} sees this site from ({@code host:port}), when linked and known; at once, any thread. */
    public Optional<String> seenFrom(SiteName site) {
        return linked.seenFrom(site);
    }

    /** Where the sites this one dialled from the link port see it from, the evidence of its NAT; any thread. */
    public org.sipsocial.link.nat.SeenFromReports seenByDialledSites() {
        return linked.seenByDialledSites();
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
                for (SiteName site : machines.sites()) {
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

    /**
     * Inbound connections refused during the handshake, oldest first (the last
     * {@value LinkEventLog#REFUSALS_KEPT}).
     */
    public List<LinkError> refusals() {
        return call(log::refusals);
    }

    /**
     * What happened to the links lately, one plain line each with its time, oldest first (the last
     * {@value LinkEventLog#EVENTS_KEPT}): a link made or lost, a dial that timed out or was refused, a disconnect by
     * the other side, an unknown caller refused, a site removed from the list.
     */
    public List<String> events() {
        return call(log::lines);
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
            machines.listChanged();
            return null;
        });
    }

    private void bindAndResume() {
        sockets.listen(settings.listen(), remote -> {
            PinnedTrust trust = PinnedTrust.answering(sites, LinkMessages.hostPort(remote), clock);
            LinkConnection connection = connection(trust, null);
            return new LinkSockets.Stages(new SimultaneousOpen(SimultaneousOpen.Start.ANSWER,
                    answering -> tls.answering(trust), settings.handshakeTimeout(), connection, () -> { }), connection);
        });
        call(() -> {
            for (SiteName site : wanted.disconnected()) {
                if (sites.byName(site).isPresent()) machines.of(site).resume(LinkChoice.DISCONNECT);
            }
            for (SiteName site : wanted.wanted()) {
                if (sites.byName(site).isPresent()) machines.of(site).resume(LinkChoice.CONNECT);
            }
            return null;
        });
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
            linked.clear();
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
