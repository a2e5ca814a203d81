package org.sipsocial.server;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.sipsocial.admin.AdminEndpoint;
import org.sipsocial.identity.SiteName;
import org.sipsocial.link.LinkFrame;
import org.sipsocial.link.LinkListener;
import org.sipsocial.link.LinkSettings;
import org.sipsocial.link.SiteLinks;
import org.sipsocial.server.link.LinkManager;
import org.sipsocial.server.link.LinkedSites;
import org.sipsocial.server.link.RouterPortMapping;
import org.sipsocial.server.link.StoredPinnedSites;
import org.sipsocial.server.link.StoredListedUsers;
import org.sipsocial.server.link.StoredWantedLinks;
import org.sipsocial.server.sip.SipService;
import org.sipsocial.sip.message.SipMessage;
import org.sipsocial.store.SiteAdministration;
import org.sipsocial.store.SiteSettings;
import org.sipsocial.store.SiteStore;
import org.sipsocial.store.StoreAdministration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running site: what {@code run} starts and SIGTERM stops. It owns the opened store (and with it the site
 * lock, so a second {@code run} on the same home is refused), the SIP service for the site's phones, the links
 * with other sites (on the link port, reconnecting those that were connected when the site stopped), and the
 * admin API through which the CLI acts on the running site and which serves its metrics
 * ({@code /api/v1/metrics}, Prometheus text). Each starts after what it needs and stops before it.
 */
public final class SiteRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(SiteRuntime.class);

    private final SiteStore store;
    private final SipService sip;
    private final SiteLinks links;
    private final RouterPortMapping portMapping;
    private final SiteAdministration administration;
    private final AdminEndpoint admin;

    private SiteRuntime(SiteStore store, SipService sip, SiteLinks links, RouterPortMapping portMapping,
            SiteAdministration administration, AdminEndpoint admin) {
        this.store = store;
        this.sip = sip;
        this.links = links;
        this.portMapping = portMapping;
        this.administration = administration;
        this.admin = admin;
    }

    public static SiteRuntime start(SiteStore store, SecureRandom random) {
        LOG.info("site {} is starting from {}", store.settings().site(), store.home().root());
        LOG.info("site certificate fingerprint {}", store.identity().fingerprint().opensslLine());
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Stopping started = new Stopping();
        started.then(store::close);
        try {
            LinkedSites linked = new LinkedSites(store.remoteSites());
            SipService sip = SipService.start(store, metrics, Clock.systemUTC(), linked);
            started.then(sip::close);
            SiteLinks links = startLinks(store, metrics, new LinkListener() {
                @Override
                public void received(SiteName from, SipMessage message) {
                    sip.onLinkMessage(from.toString(), message);
                }

                @Override
                public void linkDown(SiteName site) {
                    sip.onLinkDown(site.toString());
                }

                @Override
                public void linkUp(SiteName site, java.net.InetAddress remote) {
                    sip.onLinkUp(site.toString(), remote, (type, payload) -> linked.send(site, new LinkFrame(type, payload)));
                }

                @Override
                public void linkMoved(SiteName site, java.net.InetAddress remote) {
                    sip.onLinkMoved(site.toString(), remote, (type, payload) -> linked.send(site, new LinkFrame(type, payload)));
                }

                @Override
                public void received(SiteName from, LinkFrame frame) {
                    sip.onLinkFrame(from.toString(), frame.type(), frame.payload());
                }
            });
            started.then(links::close);
            linked.attach(links);
            // Once the link port listens: the router may forward it from now on (issue 15).
            RouterPortMapping portMapping = RouterPortMapping.start(store.settings(), Clock.systemDefaultZone(), random,
                    sip::onMediaPortMapped);
            started.then(portMapping::close);
            linked.attach(portMapping::status);
            LinkManager linkManager = new LinkManager(links, site -> sip.mediaPath(site.toString()), portMapping::status);
            SiteAdministration administration = new RunningSiteAdministration(
                    new StoreAdministration(store, random, linkManager, linkManager), sip.location(), linkManager,
                    () -> blockedSources(sip), new SiteActivityReport(sip, links, Clock.systemUTC()));
            // Last to start, first to stop: the token file appears only once the site serves what it allows.
            AdminEndpoint admin = AdminEndpoint.start(store, administration, metrics::scrape, random);
            LOG.info("site {} is running with {} users; site links on {}", store.settings().site(),
                    store.users().list().size(), links.localAddress());
            return new SiteRuntime(store, sip, links, portMapping, administration, admin);
        } catch (RuntimeException e) {
            started.stop();
            throw e;
        }
    }

    /** {@code sipsocial status}'s line for each SIP source over its flood limit. */
    private static java.util.List<String> blockedSources(SipService sip) {
        return sip.sourceLimiter().blocked().stream()
                .map(b -> "SIP from " + b.source() + " blocked until " + b.until() + ": more than "
                        + (long) sip.sourceLimiter().limits().rate() + " messages a second")
                .toList();
    }

    private static SiteLinks startLinks(SiteStore store, PrometheusMeterRegistry metrics, LinkListener sip) {
        SiteSettings settings = store.settings();
        return SiteLinks.builder(store.identity(), new StoredPinnedSites(store.remoteSites()),
                        new StoredWantedLinks(store.remoteSites()))
                .listedUsers(new StoredListedUsers(store.users()))
                .settings(linkSettings(settings))
                .relay(relayPolicy(settings.relay()))
                .clock(Clock.systemUTC())
                .metrics(metrics)
                .listener(sip)
                .start();
    }

    /** What the site relays for other sites (issue 15), as site.properties says. */
    static org.sipsocial.link.relay.RelayPolicy relayPolicy(SiteSettings.Relay relay) {
        return new org.sipsocial.link.relay.RelayPolicy(relay.on(), java.util.Set.copyOf(relay.allow()), relay.maxLinks(),
                relay.bytesPerSecond());
    }

        /** The link layer's settings: the link port, and the connect window and keep-alive of site.properties. */
    static LinkSettings linkSettings(SiteSettings settings) {
        LinkSettings defaults = LinkSettings.defaults(new InetSocketAddress(settings.bindAddress(), settings.linkPort()));
        SiteSettings.LinkTiming timing = settings.linkTiming();
        return defaults
                .withKeepAlive(timing.keepAlive(), defaults.pongTimeout())
                .withRetries(timing.connectWindow(), defaults.retryInterval(), defaults.firstBackoff(), defaults.maxBackoff());
    }

    public SipService sip() {
        return sip;
    }

    /** The running site's administration: what its admin API serves (and the console will). */
    public SiteAdministration administration() {
        return administration;
    }

    /** The links with other sites. */
    public SiteLinks links() {
        return links;
    }

    /**
     * Stops the admin API first (deleting {@code <home>/admin.token}), then the port mapping (the router deletes
     * it), the links, SIP and the store.
     */
    public void stop() {
        LOG.info("site {} is stopping", store.settings().site());
        Stopping order = new Stopping();
        order.then(store::close);
        order.then(sip::close);
        order.then(links::close);
        order.then(portMapping::close);
        order.then(admin::close);
        order.stop();
        LOG.info("site {} stopped", store.settings().site());
    }

    /** What has started, stopped last-started first; each is stopped even when one before it fails. */
    private static final class Stopping {
        private final Deque<Runnable> steps = new ArrayDeque<>();

        void then(Runnable step) {
            steps.push(step);
        }

        void stop() {
            RuntimeException first = null;
            while (!steps.isEmpty()) {
                try {
                    steps.pop().run();
                } catch (RuntimeException e) {
                    if (first == null) {
                        first = e;
                    } else {
                        first.addSuppressed(e);
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }
}
