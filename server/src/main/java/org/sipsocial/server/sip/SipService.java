package org.sipsocial.server.sip;

import java.util.function.Function;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.sipsocial.routing.federation.Federation;
import org.sipsocial.routing.federation.LinkAccessPolicy;
import org.sipsocial.routing.federation.LinkBoundary;
import org.sipsocial.routing.federation.LinkDialogs;
import org.sipsocial.routing.federation.LinkMedia;
import org.sipsocial.media.MediaAnchor;
import org.sipsocial.media.MediaRelay;
import org.sipsocial.media.MediaSettings;
import org.sipsocial.routing.federation.OpaqueTokens;
import org.sipsocial.server.link.LinkedSites;
import org.sipsocial.sip.message.SipMessage;
import org.sipsocial.routing.LateTransactionUser;
import org.sipsocial.routing.SiteAddresses;
import org.sipsocial.routing.SiteCore;
import org.sipsocial.routing.StatelessAnswers;
import org.sipsocial.routing.auth.AuthFailurePolicy;
import org.sipsocial.routing.auth.AuthFailureThrottle;
import org.sipsocial.routing.auth.DigestAlgorithm;
import org.sipsocial.routing.auth.DigestAuthenticator;
import org.sipsocial.routing.auth.DigestOffers;
import org.sipsocial.routing.auth.NonceService;
import org.sipsocial.routing.proxy.CallsInProgress;
import org.sipsocial.routing.proxy.ProxyCore;
import org.sipsocial.routing.registrar.BindingPersister;
import org.sipsocial.routing.registrar.Flow;
import org.sipsocial.routing.registrar.LocationService;
import org.sipsocial.routing.registrar.Registrar;
import org.sipsocial.routing.registrar.RegistrarPolicy;
import org.sipsocial.sip.transaction.TimerSettings;
import org.sipsocial.sip.transaction.TransactionLayer;
import org.sipsocial.sip.transport.ClientAuth;
import org.sipsocial.sip.transport.ListenerSpec;
import org.sipsocial.sip.transport.SipTransport;
import org.sipsocial.sip.transport.SourceLimiter;
import org.sipsocial.sip.transport.TlsContexts;
import org.sipsocial.sip.transport.TlsCredentials;
import org.sipsocial.sip.transport.Transport;
import org.sipsocial.store.DigestCredentials;
import org.sipsocial.store.SiteSettings;
import org.sipsocial.store.SiteStore;
import org.sipsocial.store.StoreException;
import org.sipsocial.store.UserName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The site's SIP service for its phones: UDP and TCP listeners on the SIP port and TLS on the SIPS port (with
 * the site's own certificate), the transaction layer, the registrar and proxy above it, and the media relay for
 * calls with other sites. Registrations are
 * restored from the store at start and saved behind the registrar every {@link RegistrationSaver#INTERVAL_MS} ms and at
 * stop.
 */
public final class SipService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SipService.class);
    /** How long a stopping site keeps its sockets open for the answers it just sent to go out. */
    static final long STOP_GRACE_MS = 300;

    private final SipTransport transport;
    private final TransactionLayer layer;
    private final SiteCore core;
    private final LocationService location;
    private final RegistrationSaver saver;
    private final WheelTimers timers;
    private final SiteAddresses addresses;
    private final TransactionTransportAdapter adapter;
    private final MediaRelay relay;
    private final AtomicReference<BiConsumer<String, SipMessage>> linkTap;
    private final StatelessAnswers answers;
    private final SourceLimiter limiter;
    private final CallsInProgress calls;
    private final MediaAnchor anchor;

    private SipService(SipTransport transport, TransactionLayer layer, SiteCore core, LocationService location,
            RegistrationSaver saver, WheelTimers timers, SiteAddresses addresses,
            TransactionTransportAdapter adapter, AtomicReference<BiConsumer<String, SipMessage>> linkTap, MediaRelay relay,
            StatelessAnswers answers, SourceLimiter limiter, CallsInProgress calls, MediaAnchor anchor) {
        this.calls = calls;
        this.anchor = anchor;
        this.relay = relay;
        this.answers = answers;
        this.limiter = limiter;
        this.adapter = adapter;
        this.linkTap = linkTap;
        this.transport = transport;
        this.layer = layer;
        this.core = core;
        this.location = location;
        this.saver = saver;
        this.timers = timers;
        this.addresses = addresses;
    }

    /**
     * @param linked the site's links as routing meets them; what the links receive comes in through
     *               {@link #onLinkMessage}
     */
    public static SipService start(SiteStore store, MeterRegistry metrics, Clock clock, LinkedSites linked) {
        SiteSettings settings = store.settings();
        SecureRandom random = new SecureRandom();
        WheelTimers timers = new WheelTimers();
        String site = settings.site().toString();
        SiteAddresses addresses = new SiteAddresses(site, AdvertisedAddress.choose(settings.bindAddress()),
                AdvertisedAddress.answeredOn(settings.bindAddress()),
                Map.of("UDP", settings.sipPort(), "TCP", settings.sipPort(), "TLS", settings.sipsPort()));

        AuthFailureThrottle throttle = new AuthFailureThrottle(AuthFailurePolicy.DEFAULT, clock, metrics);
        BindingPersister persister = new BindingPersister(store.bindings());
        LocationService location = new LocationService(persister::changed);
        persister.bind(location);
        int restored = persister.restore(location, clock.instant());
        SiteSettings.Media media = settings.media();
        MediaRelay relay = MediaRelay.start(new MediaSettings(addresses.host(), media.firstPort(), media.lastPort(),
                new InetSocketAddress(settings.bindAddress(), settings.linkPort()), media.idleTimeout()), metrics);
        MediaAnchor anchor = new MediaAnchor(relay, addresses.host(), random);
        LinkMedia anchored = new RelayedLinkMedia(anchor);
        Federation federation = new Federation(linked,
                new LinkBoundary(addresses, new OpaqueTokens(random), linked, anchored), new LinkAccessPolicy(metrics),
                new LinkDialogs(clock, metrics, anchored));
        AtomicReference<BiConsumer<String, SipMessage>> tap = new AtomicReference<>((peer, message) -> { });
        TransactionTransportAdapter adapter = new TransactionTransportAdapter(source -> !throttle.isBlocked(source),
                federation.boundary(), (peer, message) -> {
                    tap.get().accept(peer, message);
                    return linked.send(peer, message);
                });

        Function<String, Optional<DigestCredentials>> users = name -> credentials(store, name);
        NonceService nonces = new NonceService(clock, random, NonceService.DEFAULT_LIFETIME);
        DigestAuthenticator authenticator = new DigestAuthenticator(site, nonces,
                users, uri -> addresses.isSiteHost(uri.host()), new DigestOffers(
                        settings.digestAlgorithms().stream().map(DigestAlgorithm::ofToken).collect(Collectors.toList()), metrics));
        Registrar registrar = new Registrar(location, RegistrarPolicy.DEFAULT, clock, () -> tag(random));
        LateTransactionUser core = new LateTransactionUser();
        TransactionLayer layer = new TransactionLayer(adapter, timers, TimerSettings.DEFAULTS, core);
        long maxHeap = Runtime.getRuntime().maxMemory();
        layer.maxServerTransactionWeight(TransactionLayer.weightBoundForHeap(maxHeap));
        layer.maxCompletedAnswers(TransactionLayer.answersForHeap(maxHeap), TransactionLayer.answerBytesForHeap(maxHeap));
        tableMetrics(metrics, layer, nonces, location);
        CallsInProgress calls = new CallsInProgress(clock);
        SiteCore siteCore = new SiteCore(addresses, authenticator, throttle, registrar, location, users, new ProxyCore(layer, addresses, federation.dialogs(), calls, timers),
                federation, timers, clock, () -> tag(random));
        core.attach(siteCore);
        StatelessAnswers answers = new StatelessAnswers(addresses, authenticator, random, metrics);
        adapter.answerStatelessly(answers);

        InetSocketAddress sip = new InetSocketAddress(settings.bindAddress(), settings.sipPort());
        SourceLimiter limiter = new SourceLimiter(
                SourceLimiter.Limits.forRate(settings.flood().rate(), settings.flood().blockFor()), clock,
                location::isRegisteredAddress, metrics);
        SipTransport transport = SipTransport.builder(adapter, metrics)
                .admission(limiter)
                .tls(new TlsContexts(new TlsCredentials(store.identity().privateKey(), List.of(store.identity().certificate()),
                        new PhonesAreNotDialledOverTls())))
                .listen(Transport.UDP, sip)
                .listen(Transport.TCP, sip)
                .listen(new ListenerSpec(Transport.TLS, new InetSocketAddress(settings.bindAddress(), settings.sipsPort()), ClientAuth.NONE))
                .start();
        adapter.connect(layer, transport);
        adapter.onFailedFlow(hop -> {
            int dropped = location.dropFlow(new Flow(hop.transport(), hop.address()), clock.instant());
            if (dropped > 0) {
                LOG.info("the {} flow from {} failed: {} registrations over it dropped (RFC 5626 §5.3)", hop.transport(),
                        hop.address(), dropped);
            }
        });
        for (ListenerSpec listener : transport.listeners()) {
            LOG.info("listening for SIP over {} on {}", listener.transport(), listener.address());
        }
        LOG.info("advertising {} in Via and Record-Route; {} registrations restored", addresses.host(), restored);
        RegistrationSaver saver = RegistrationSaver.start(persister, metrics);
        return new SipService(transport, layer, siteCore, location, saver, timers, addresses, adapter, tap, relay,
                answers, limiter, calls, anchor);
    }

    /**
     * The bounded tables' sizes (issue 16): server transactions (at most
     * {@link TransactionLayer#DEFAULT_MAX_SERVER_TRANSACTIONS} in progress and
     * {@link TransactionLayer#DEFAULT_MAX_SERVER_TRANSACTION_WEIGHT} in weight; past either 503 with Retry-After, counted), client
     * transactions, remembered nonces (at most {@link NonceService#MAX_TRACKED_NONCES}) and registered AORs.
     */
    private static void tableMetrics(MeterRegistry metrics, TransactionLayer layer, NonceService nonces,
            LocationService location) {
        Gauge.builder("sipsocial.transactions", layer, TransactionLayer::serverTransactionCount).tag("kind", "server")
                .register(metrics);
        Gauge.builder("sipsocial.transactions", layer, TransactionLayer::serverTransactionsInProgress)
                .tag("kind", "server-in-progress").description("server transactions not answered finally yet")
                .register(metrics);
        Gauge.builder("sipsocial.transactions", layer, TransactionLayer::clientTransactionCount).tag("kind", "client")
                .register(metrics);
        FunctionCounter.builder("sipsocial.transactions.refused", layer, TransactionLayer::refusedWhenFull)
                .description("requests answered 503 because the table of server transactions was full").register(metrics);
        Gauge.builder("sipsocial.transactions", layer, TransactionLayer::completedAnswers).tag("kind", "server-completed")
                .description("answers to non-INVITE requests kept for their retransmissions (Completed over UDP, Timer J)")
                .register(metrics);
        FunctionCounter.builder("sipsocial.transactions.retired.early", layer, TransactionLayer::retiredEarly)
                .description("answers to non-INVITE requests dropped before Timer J because the answers kept reached their bound")
                .register(metrics);
        Gauge.builder("sipsocial.nonces.tracked", nonces, NonceService::trackedNonces).register(metrics);
        Gauge.builder("sipsocial.registrations.aors", location, LocationService::aorCount).register(metrics);
        Gauge.builder("sipsocial.registrations.contacts", location, LocationService::contactCount)
                .description("contacts registered, at most 16 per address of record").register(metrics);
    }

    private static Optional<DigestCredentials> credentials(SiteStore store, String name) {
        try {
            return store.users().credentials(UserName.of(name));
        } catch (StoreException e) {
            return Optional.empty();
        }
    }

    private static String tag(SecureRandom random) {
        byte[] bytes = new byte[6];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** A SIP message that arrived over the link with {@code site} (the LinkListener of the site's links). */
    public void onLinkMessage(String site, SipMessage message) {
        adapter.onLinkMessage(site, message);
    }

    /**
     * The link with {@code site} came up, its other end at {@code remote}: the relay opens its media path, which
     * carries media inside the link through {@code carrier} until UDP gets through.
     */
    public void onLinkUp(String site, java.net.InetAddress remote, org.sipsocial.media.LinkCarrier carrier) {
        relay.linkUp(site, remote, carrier);
    }

    /**
     * The link with {@code site} now runs over another connection, its other end at {@code remote} (issue 15: a
     * relayed link replaced by a direct one): the relay keeps its media path and calls, and tries UDP there.
     */
    public void onLinkMoved(String site, java.net.InetAddress remote, org.sipsocial.media.LinkCarrier carrier) {
        relay.linkMoved(site, remote, carrier);
    }

    /**
     * The router in front of the site maps {@code external} (UDP) to the relay's port, or nothing now (issue 15):
     * the relay tells linked sites' relays to send there.
     */
    public void onMediaPortMapped(java.util.Optional<java.net.InetSocketAddress> external) {
        relay.routerMapped(external);
    }

    /** A frame of the media relay's that arrived inside the link with {@code site}. */
    public void onLinkFrame(String site, int type, byte[] payload) {
        relay.fromLink(site, type, payload);
    }

    /** What {@code status} says of the media path with {@code site}, while its link is up. */
    public java.util.Optional<String> mediaPath(String site) {
        return relay.pathTo(site);
    }

    /** The link with {@code site} went: the phones in calls with it are hung up. */
    public void onLinkDown(String site) {
        relay.linkDown(site);
        int ended = core.linkDown(site);
        if (ended > 0) {
            LOG.info("the link with {} went: {} calls with it ended", site, ended);
        }
    }

    /**
     * Sees every SIP message this site puts on a link, after the link boundary rewrote it and before it is
     * encrypted: for tests that check what crosses, and for debugging.
     */
    public void tapLinks(BiConsumer<String, SipMessage> tap) {
        linkTap.set(tap);
    }

    public SiteAddresses addresses() {
        return addresses;
    }

    /** The per-source flood limits in front of everything SIP (sources blocked now, for status). */
    public SourceLimiter sourceLimiter() {
        return limiter;
    }

    public LocationService location() {
        return location;
    }

    /** The calls established through this site's proxy and not ended yet. */
    public CallsInProgress calls() {
        return calls;
    }

    /** What a call's media shows, when it crosses a link and is anchored at this site's relay. */
    public java.util.Optional<MediaAnchor.CallMedia> media(String callId) {
        return anchor.media(callId);
    }

    public TransactionLayer transactions() {
        return layer;
    }

    /**
     * Answers what is in flight (503 for calls still being set up, with CANCEL to the phones that ring), gives
     * the network a moment to carry those answers, stops listening, then saves the registrations.
     */
    @Override
    public void close() {
        answers.stop();
        core.stop();
        try {
            Thread.sleep(STOP_GRACE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        transport.close();
        relay.close();
        timers.close();
        saver.close();
    }
}
