package org.sipsocial.link;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandler;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.sipsocial.identity.SiteIdentity;
import org.sipsocial.identity.SiteName;
import org.sipsocial.link.relay.RelayHeaders;
import org.sipsocial.sip.message.SipRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An end site's side of issue 15's relayed links. When a direct dial to site T gets no answer, it asks the sites
 * it is linked with, one after the other, to relay it to T ({@code relay} on a new connection to each); when a
 * relaying site offers it a link with site A ({@code relay-offer}), it joins ({@code relay-join}). Either way,
 * once the relay splices the two connections, the link's own TLS runs end to end with the far site, pinned to it
 * exactly as a direct link is ({@link PinnedTrust}: the asker is the client and must see the far site's
 * certificate; the joiner requires the asker's), and a {@link LinkConnection} carries the link over it.
 *
 * <p>The connections to the relay leave from any port, not the link port: the link port already holds the
 * direct link with the relaying site. Runs on the link thread.
 */
final class RelayDialler {
    private static final Logger LOG = LoggerFactory.getLogger(RelayDialler.class);

    /** What the dialler asks of {@link SiteLinks}. */
    interface Links {
        /** The sites linked directly now, which may relay. */
        List<SiteName> directlyLinked();

        /** A new connection for a link with {@code far} (its events go where every link's go). */
        LinkConnection connection(PinnedTrust trust, RemoteSite far);

        /** The last try to relay the link with {@code far} failed. */
        void relayFailed(SiteName far, String why);

        /** Whether this site accepts a link with {@code site} now (not disconnected here, not linked yet). */
        boolean wants(SiteName site);
    }

    private final SiteIdentity self;
    private final PinnedSites sites;
    private final LinkTls tls;
    private final LinkSettings settings;
    private final Clock clock;
    private final EventLoop loop;
    private final Links links;
    /** The far sites a relayed link is being tried with: one try at a time per site. */
    private final Set<SiteName> trying = new HashSet<>();
    /** When each relay last refused a far site for good ({@code relay/far} keys, nanoTime): not asked again for a while. */
    private final java.util.Map<String, Long> failedAt = new java.util.HashMap<>();

    RelayDialler(SiteIdentity self, PinnedSites sites, LinkTls tls, LinkSettings settings, Clock clock, EventLoop loop,
                 Links links) {
        this.self = self;
        this.sites = sites;
        this.tls = tls;
        this.settings = settings;
        this.clock = clock;
        this.loop = loop;
        this.links = links;
    }

    /** A direct dial to {@code far} failed: asks each directly linked site in turn to relay, until one does. */
    void tryRelay(RemoteSite far) {
        if (!trying.add(far.name())) return;
        List<SiteName> relays = new ArrayList<>();
        long now = System.nanoTime();
        failedAt.values().removeIf(at -> now - at > askAgainAfter());
        for (SiteName s : links.directlyLinked()) {
            if (!s.key().equals(far.name().key()) && !failedAt.containsKey(s.key() + "/" + far.name().key())) relays.add(s);
        }
        if (relays.isEmpty()) {
            trying.remove(far.name());
            return;
        }
        relays.sort((a, b) -> a.key().compareTo(b.key()));
        askNext(far, relays, new ArrayList<>());
    }

    private void askNext(RemoteSite far, List<SiteName> relays, List<String> refusals) {
        if (!links.wants(far.name())) {
            trying.remove(far.name());
            return;
        }
        if (relays.isEmpty()) {
            trying.remove(far.name());
            if (!refusals.isEmpty()) links.relayFailed(far.name(), String.join("; ", refusals));
            return;
        }
        SiteName relay = relays.remove(0);
        Optional<RemoteSite> relaySite = sites.byName(relay);
        if (relaySite.isEmpty()) {
            askNext(far, relays, refusals);
            return;
        }
        PinnedTrust inner = PinnedTrust.dialling(sites, far.name(), "through " + relay, clock);
        leg(relaySite.get(), far.name(), RelayHeaders.RELAY, RelayHeaders.relayTo(far.name()), true,
                () -> tls.dialling(inner, far.name().toString(), far.port()), inner, far,
                new RelayLeg.Outcome() {
                    @Override
                    public void failed(String why, boolean lasting) {
                        LOG.info("relayed link with {}: {}", far.name(), why);
                        if (lasting) failedAt.put(relay.key() + "/" + far.name().key(), System.nanoTime());
                        refusals.add(why);
                        askNext(far, relays, refusals);
                    }

                    @Override
                    public void spliced(LinkConnection link, SslHandler tls) {
                        trying.remove(far.name());
                        LOG.info("relayed link with {} spliced by {}: TLS with {} starts", far.name(), relay, far.name());
                        tls.handshakeFuture().addListener(f -> {
                            if (f.isSuccess()) return;
                            TrustVerdict verdict = inner.verdict();
                            links.relayFailed(far.name(), "relay through " + relay + ": "
                                    + (verdict != null && !verdict.isAccepted() ? verdict.error().line()
                                    : "the TLS handshake with " + far.name() + " failed"));
                        });
                    }
                });
    }

    /** Connect was pressed for {@code far}: every relay may be asked for it again at once. */
    void connectPressed(SiteName far) {
        failedAt.keySet().removeIf(key -> key.endsWith("/" + far.key()));
    }

    /** A relay that refused a far site by its settings is asked again after four of the longest dial waits (60 s). */
    private long askAgainAfter() {
        return settings.maxBackoff().multipliedBy(4).toNanos();
    }

    /** The relaying site {@code relay} offers a relayed link with the site named in the offer: join it. */
    void offered(RemoteSite relay, LinkConnection connection, SipRequest offer) {
        SiteName asker = RelayHeaders.site(offer.headerValue(RelayHeaders.RELAY_FROM));
        String token = offer.headerValue(RelayHeaders.RELAY_TOKEN);
        Optional<RemoteSite> far = asker == null ? Optional.empty() : sites.byName(asker);
        if (far.isEmpty() || !RelayHeaders.isToken(token)) {
            connection.answer(offer, 404, "Not On List");
            return;
        }
        if (!links.wants(asker)) {
            connection.answer(offer, LinkMessages.DISCONNECTED_HERE, "Disconnected Here");
            return;
        }
        connection.answer(offer, 200, "OK");
        PinnedTrust inner = PinnedTrust.dialling(sites, asker, "through " + relay.name(), clock);
        leg(relay, asker, RelayHeaders.RELAY_JOIN, RelayHeaders.join(token), false, () -> tls.answering(inner), inner,
                far.get(), new RelayLeg.Outcome() {
                    @Override
                    public void failed(String why, boolean lasting) {
                        LOG.info("joining the relayed link of {} through {}: {}", asker, relay.name(), why);
                    }

                    @Override
                    public void spliced(LinkConnection link, SslHandler tls) {
                        LOG.info("relayed link with {} spliced by {}: TLS with {} starts", asker, relay.name(), asker);
                    }
                });
    }

    /** Dials one connection to the relaying site, TLS pinned to it, with a {@link RelayLeg} on top. */
    private void leg(RemoteSite relay, SiteName far, String action, String headers, boolean client,
                     java.util.function.Supplier<javax.net.ssl.SSLEngine> innerEngine, PinnedTrust innerTrust,
                     RemoteSite farSite, RelayLeg.Outcome outcome) {
        PinnedTrust outer = PinnedTrust.dialling(sites, relay.name(), relay.hostPort(), clock);
        RelayLeg leg = new RelayLeg(self.site(), relay.name(), far, action, headers, client, innerEngine,
                () -> links.connection(innerTrust, farSite), settings, outcome);
        new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        SslHandler handler = new SslHandler(tls.dialling(outer, relay.name().toString(), relay.port()));
                        handler.setHandshakeTimeoutMillis(settings.handshakeTimeout().toMillis());
                        ch.pipeline().addLast("tls", handler);
                        ch.pipeline().addLast("framer", LinkFramer.oneAtATime(true));
                        ch.pipeline().addLast("leg", leg);
                    }
                })
                .connect(relay.address())
                .addListener((ChannelFutureListener) f -> {
                    if (!f.isSuccess()) leg.fail("relay through " + relay.name() + ": " + f.cause().getMessage());
                });
    }
}
