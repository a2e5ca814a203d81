package org.sipsocial.media;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The site's media relay (issue 11): for each medium of each call with another site, a {@link Leg} with a port on
 * the LAN, where the phone's RTP is latched and relayed as SRTP to the other site's relay, and back. Between sites
 * every call shares the relay's one UDP socket ({@link #linkSide()}), each packet tagged with the receiving relay's
 * channel number ({@link LinkMediaPacket}). Packets run on the relay's own thread, never on a SIP event loop.
 */
public final class MediaRelay implements AutoCloseable {
    private final MediaSettings settings;
    private final EventLoopGroup group;
    private final PortPool ports;
    private final Channel link;
    /**
     * The link-side socket's kernel buffers: every call with every site arrives on that one socket, so it must
     * ride out a pause of the relay's thread (a GC, a busy CPU). Measured with bench/media (bench/README.md):
     * at 100 calls the kernel's default 208 KiB dropped 1.3 % of packets and 4 MiB none. The kernel caps it at
     * {@code net.core.rmem_max} / {@code wmem_max} (README: raise them on a busy site).
     */
    static final int LINK_SIDE_BUFFER_BYTES = 4 << 20;
    private final Map<Integer, Leg> legs = new ConcurrentHashMap<>();
    /** One media path per linked site, by site name in lower case; changed on the relay's thread only. */
    private final Map<String, MediaPath> paths = new ConcurrentHashMap<>();
    /**
     * Offers that came before this relay heard of their link coming up (each side's link layer tells its relay in
     * its own time); one per site, taken when the link's path opens.
     */
    private final Map<String, byte[]> earlyOffers = new java.util.HashMap<>();
    private final java.security.SecureRandom random = new java.security.SecureRandom();
    private final MeterRegistry metrics;
    private final Map<String, PathMeters> pathMeters = new ConcurrentHashMap<>();
    final Counter relayedToSite;
    final Counter relayedToPhone;
    final Counter authenticationFailures;
    final Counter phoneAuthenticationFailures;
    final Counter dropped;

    private final Clock clock;
    final Counter idleClosed;

    private MediaRelay(MediaSettings settings, MeterRegistry metrics, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("media-relay", true), NioIoHandler.newFactory());
        this.ports = new PortPool(settings.firstPort(), settings.lastPort());
        this.relayedToSite = Counter.builder("sipsocial_media_packets").tag("direction", "to_site").register(metrics);
        this.relayedToPhone = Counter.builder("sipsocial_media_packets").tag("direction", "to_phone").register(metrics);
        this.authenticationFailures = Counter.builder("sipsocial_media_srtp_failures")
                .description("SRTP packets from another site that failed authentication or replay checks, dropped")
                .register(metrics);
        this.phoneAuthenticationFailures = Counter.builder("sipsocial_media_phone_srtp_failures")
                .description("SRTP packets from phones that speak SRTP on the LAN that failed authentication or replay checks, dropped")
                .register(metrics);
        this.dropped = Counter.builder("sipsocial_media_dropped")
                .description("Packets with no call, no peer yet, or not RTP, dropped").register(metrics);
        this.idleClosed = Counter.builder("sipsocial_media_idle_legs_closed")
                .description("Legs closed because no packet passed them for the idle timeout (calls that ended badly)")
                .register(metrics);
        Gauge.builder("sipsocial_media_ports_in_use", ports, PortPool::inUse).register(metrics);
        this.link = bind(settings.linkSide(), new LinkSideHandler(), LINK_SIDE_BUFFER_BYTES);
        long sweep = Math.max(1, settings.idleTimeout().toMillis() / 4);
        group.next().scheduleAtFixedRate(this::closeIdleLegs, sweep, sweep, TimeUnit.MILLISECONDS);
        long probe = settings.pathProbeInterval().toMillis();
        group.next().scheduleAtFixedRate(this::probePaths, probe, probe, TimeUnit.MILLISECONDS);
    }

    public static MediaRelay start(MediaSettings settings, MeterRegistry metrics) {
        return start(settings, metrics, Clock.systemUTC());
    }

    public static MediaRelay start(MediaSettings settings, MeterRegistry metrics, Clock clock) {
        return new MediaRelay(settings, metrics, clock);
    }

    /**
     * Closes the legs no packet passed for the idle timeout: calls whose end the site never saw (a phone that
     * crashed, a link lost while the call was being set up) give their ports back.
     */
    void closeIdleLegs() {
        long cutoff = clock.millis() - settings.idleTimeout().toMillis();
        for (Leg leg : legs.values()) {
            if (leg.lastActivityMillis() < cutoff) {
                leg.close();
                idleClosed.increment();
            }
        }
    }

    /**
     * The link with {@code site} came up, its other end at {@code farHost}: a media path opens, starting inside
     * the link, and this relay's offer goes to the other relay through {@code carrier}.
     */
    public void linkUp(String site, java.net.InetAddress farHost, LinkCarrier carrier) {
        link.eventLoop().execute(() -> {
            MediaPath path = new MediaPath(site, farHost, carrier, random, meters(site));
            paths.put(key(site), path);
            carrier.send(LinkFrames.OFFER, path.offer(linkSide().getPort()));
            byte[] early = earlyOffers.remove(key(site));
            if (early != null) {
                offered(path, early);
            }
        });
    }

    /** The link with {@code site} went down: its media path goes (its calls are being hung up). */
    public void linkDown(String site) {
        link.eventLoop().execute(() -> {
            paths.remove(key(site));
            earlyOffers.remove(key(site));
        });
    }

    /** A frame ({@link LinkFrames}) that arrived inside the link with {@code site}. */
    public void fromLink(String site, int type, byte[] payload) {
        link.eventLoop().execute(() -> {
            MediaPath path = paths.get(key(site));
            if (type == LinkFrames.OFFER && path == null) {
                earlyOffers.put(key(site), payload);
            } else if (path == null) {
                dropped.increment();
            } else if (type == LinkFrames.OFFER) {
                offered(path, payload);
            } else if (type == LinkFrames.MEDIA) {
                fromOtherRelay(null, payload);
            } else {
                dropped.increment();
            }
        });
    }

    /** What {@code sipsocial status} says of the media path with {@code site}, when the link is up. */
    public java.util.Optional<String> pathTo(String site) {
        return java.util.Optional.ofNullable(paths.get(key(site))).map(MediaPath::describe);
    }

    /**
     * The path for a call with {@code site}: the link's, or when no link told the relay of one, UDP to where the
     * other site's SDP says its relay is.
     */
    MediaPath path(String site, InetSocketAddress fromSdp) {
        MediaPath path = paths.get(key(site));
        return path != null ? path : MediaPath.fromSdp(site, fromSdp, random, meters(site));
    }

    /** A site's path meters, made once (Micrometer gives the same meters for the same name and tags). */
    PathMeters meters(String site) {
        return pathMeters.computeIfAbsent(key(site), s -> new PathMeters(metrics, s));
    }

    private void offered(MediaPath path, byte[] offer) {
        try {
            path.offered(offer);
        } catch (IllegalArgumentException e) {
            dropped.increment();
        }
    }

    private void probePaths() {
        long now = clock.millis();
        for (MediaPath path : paths.values()) {
            byte[] probe = path.probe(now);
            if (probe != null) {
                sendToSite(path.far(), probe);
            }
        }
    }

    private static String key(String site) {
        return site.toLowerCase(java.util.Locale.ROOT);
    }

    /** A packet from another site's relay, over UDP from {@code sender}, or inside a link when it is null. */
    private void fromOtherRelay(InetSocketAddress sender, byte[] bytes) {
        int word = LinkMediaPacket.channel(bytes);
        Leg leg = word == 0 ? null : legs.get(word & ~LinkMediaPacket.CONTROL);
        if (leg == null) {
            dropped.increment();
            return;
        }
        leg.fromSite(sender, bytes, (word & LinkMediaPacket.CONTROL) != 0, clock.millis());
    }

    /** A path probe or answer over UDP: proven by the path it names, answered when it is a probe. */
    private void pathControl(InetSocketAddress sender, byte[] bytes) {
        for (MediaPath path : paths.values()) {
            if (path.isTheirs(bytes)) {
                byte[] answer = path.control(bytes, sender, clock.millis());
                if (answer != null) {
                    sendToSite(sender, answer);
                }
                return;
            }
        }
        dropped.increment();
    }

    /** The relay's one UDP socket towards other sites. */
    public InetSocketAddress linkSide() {
        return (InetSocketAddress) link.localAddress();
    }

    /**
     * A new leg: a LAN port and a channel number.
     *
     * @throws IllegalStateException when every port of the range is taken (the call gets 503)
     */
    public Leg open() {
        OptionalInt port = ports.take();
        if (port.isEmpty()) {
            throw new IllegalStateException("all " + ports.size() + " media ports are in use");
        }
        int channel;
        do {
            channel = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
        } while (legs.containsKey(channel));
        Leg leg = new Leg(this, channel, port.getAsInt(), clock.millis());
        legs.put(channel, leg);
        try {
            leg.lan = bind(new InetSocketAddress(settings.lanAddress(), port.getAsInt()), new LanSideHandler(leg, false));
            leg.lanControl = bind(new InetSocketAddress(settings.lanAddress(), port.getAsInt() + 1), new LanSideHandler(leg, true));
        } catch (RuntimeException e) {
            legs.remove(channel);
            if (leg.lan != null) {
                leg.lan.close();
            }
            ports.give(port.getAsInt());
            throw e;
        }
        return leg;
    }

    /** Legs open now. */
    public int openLegs() {
        return legs.size();
    }

    /** LAN ports in use now. */
    public int portsInUse() {
        return ports.inUse();
    }

    void closed(Leg leg) {
        if (legs.remove(leg.channel(), leg)) {
            leg.lan.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
            if (leg.lanControl != null) {
                leg.lanControl.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
            }
            ports.give(leg.lanPort());
        }
    }

    void sendToSite(InetSocketAddress to, byte[] packet) {
        link.writeAndFlush(new DatagramPacket(link.alloc().buffer(packet.length).writeBytes(packet), to));
    }

    private Channel bind(InetSocketAddress address, SimpleChannelInboundHandler<DatagramPacket> handler) {
        return new Bootstrap().group(group).channel(NioDatagramChannel.class).handler(handler).bind(address)
                .syncUninterruptibly().channel();
    }

    private Channel bind(InetSocketAddress address, SimpleChannelInboundHandler<DatagramPacket> handler, int bufferBytes) {
        return new Bootstrap().group(group).channel(NioDatagramChannel.class).handler(handler)
                .option(io.netty.channel.ChannelOption.SO_RCVBUF, bufferBytes)
                .option(io.netty.channel.ChannelOption.SO_SNDBUF, bufferBytes).bind(address)
                .syncUninterruptibly().channel();
    }

    private static byte[] bytes(ByteBuf content) {
        byte[] out = new byte[content.readableBytes()];
        content.getBytes(content.readerIndex(), out);
        return out;
    }

    /** What phones send: latched and relayed to the other site. */
    private final class LanSideHandler extends SimpleChannelInboundHandler<DatagramPacket> {
        private final Leg leg;
        private final boolean control;

        LanSideHandler(Leg leg, boolean control) {
            this.leg = leg;
            this.control = control;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            leg.fromPhone(packet.sender(), bytes(packet.content()), control, clock.millis());
        }
    }

    /** What other sites' relays send: checked, decrypted and relayed to the phone of the channel it names. */
    private final class LinkSideHandler extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            byte[] bytes = bytes(packet.content());
            if (bytes.length == MediaPath.PathProof.PACKET_BYTES && LinkMediaPacket.channel(bytes) == 0) {
                pathControl(packet.sender(), bytes);
            } else {
                fromOtherRelay(packet.sender(), bytes);
            }
        }
    }

    @Override
    public void close() {
        for (Leg leg : legs.values()) {
            leg.close();
        }
        link.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
