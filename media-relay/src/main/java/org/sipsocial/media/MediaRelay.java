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
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollMode;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The site's media relay (issue 11): for each medium of each call with another site, a {@link Leg} with a port on
 * the LAN, where the phone's RTP is latched and relayed as SRTP to the other site's relay, and back. Between sites
 * every call shares the relay's one UDP socket ({@link #linkSide()}), each packet tagged with the receiving relay's
 * channel number ({@link LinkMediaPacket}). Packets run on the relay's own threads, never on a SIP event loop.
 *
 * <p>Threads (measured with bench/media, bench/README.md): the link-side socket has a thread of its own that reads
 * (many datagrams per system call with native epoll's {@code recvmmsg}) and tells calls apart by channel. While it
 * keeps up, it also checks and decrypts each packet and sends it to the phone itself, so that a packet wakes one
 * thread; when a read brings more than it should work on, it hands the rest, in batches, to each leg's thread
 * ({@link SiteInbound}), so the one socket every call shares is drained quickly whatever the crypto costs. Each leg
 * lives on one of a few LAN threads, which read its phone's sockets, protect what the phone sends and send it on the
 * link-side socket ({@link DatagramSend}), and do the work the link side hands over. Each direction of a call keeps
 * its order and its SRTP state on one thread at a time, while the calls are spread over the cores.
 *
 * <p>The first {@link #LEGS_ON_LINK_THREAD} legs open live on the link side's thread itself, both ways: while a site
 * has few calls, one thread wakes for a phone's packet and the other site's packet of a call that arrive together
 * (one {@code epoll_wait} for both, as in rtpengine), where two threads would each wake for one (measured with
 * bench/media, bench/README.md). Legs opened beyond that go to the LAN threads, so that a busy site spreads its
 * calls over the cores.
 */
public final class MediaRelay implements AutoCloseable {
    private final MediaSettings settings;
    /** Native epoll on Linux when it loads, NIO elsewhere. */
    private final boolean epoll = Epoll.isAvailable();
    /** The link-side socket's thread. */
    private final EventLoopGroup linkGroup;
    /** The legs' threads. */
    private final EventLoopGroup lanGroup;
    /** Per LAN thread: its legs' packets from the link side, and its packets for the link side. */
    private final LanLoop[] lanLoops;
    private int nextLanLoop;
    private final PortPool ports;
    private final Channel link;
    /** The link side's own thread, for the legs that live on it. */
    private final LanLoop linkSideLoop;
    /** Legs that live on the link side's thread at most ({@link #LEGS_ON_LINK_THREAD} but in tests). */
    private final int legsOnLinkThread;
    /** Open legs living on the link side's thread (changed under this relay's lock). */
    private int openOnLinkThread;
    /**
     * Legs that live on the link side's thread while they are open: 128 calls are 12,800 packets a second both ways,
     * under half of a core here (bench/media), which leaves that thread the time to read the link-side socket for
     * the calls beyond them.
     */
    static final int LEGS_ON_LINK_THREAD = 128;
    /** LAN threads: one per core up to four (each leg beyond {@link #LEGS_ON_LINK_THREAD} is on one of them). */
    static final int LAN_THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    /** The largest datagram the link side reads (with recvmmsg, each datagram's slot in the read buffer). */
    static final int LINK_DATAGRAM_BYTES = 2048;
    /** Datagrams the link side reads per {@code recvmmsg} call. */
    static final int LINK_DATAGRAMS_PER_READ = 32;
    /**
     * The link-side socket's kernel buffers: every call with every site arrives on that one socket, so it must
     * ride out a pause of the link side's thread (a GC, a busy CPU). Measured with bench/media (bench/README.md):
     * at 100 calls the kernel's default 208 KiB dropped 1.3 % of packets and 4 MiB none. The kernel caps it at
     * {@code net.core.rmem_max} / {@code wmem_max} (README: raise them on a busy site).
     */
    static final int LINK_SIDE_BUFFER_BYTES = 4 << 20;
    /** Open legs by channel: copied on write (open, close), read without a lock for every packet from a site. */
    private volatile IntMap<Leg> legs = new IntMap<>();
    /** One media path per linked site, by site name in lower case; changed on the link side's thread only. */
    private final Map<String, MediaPath> paths = new ConcurrentHashMap<>();
    /**
     * Offers that came before this relay heard of their link coming up (each side's link layer tells its relay in
     * its own time); one per site, taken when the link's path opens.
     */
    private final Map<String, byte[]> earlyOffers = new java.util.HashMap<>();
    /** The UDP address the router maps to {@link #linkSide()}, or null (issue 15); on the link side's thread. */
    private InetSocketAddress mapped;
    private final java.security.SecureRandom random = new java.security.SecureRandom();
    private final MeterRegistry metrics;
    /** Packets from other sites, on the link side's thread. */
    private final SiteInbound fromSites;
    private final Map<String, PathMeters> pathMeters = new ConcurrentHashMap<>();
    final Counter relayedToSite;
    final Counter relayedToPhone;
    final Counter authenticationFailures;
    final Counter phoneAuthenticationFailures;
    final Counter dropped;

    private final Clock clock;
    final Counter idleClosed;
    /** Ports of the range whose bind failed because another socket held them: skipped, tried again later. */
    private final Counter heldElsewhere;

    private MediaRelay(MediaSettings settings, MeterRegistry metrics, Clock clock, int legsOnLinkThread) {
        this.settings = settings;
        this.legsOnLinkThread = legsOnLinkThread;
        this.clock = clock;
        this.metrics = metrics;
        this.fromSites = new SiteInbound(clock);
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.linkGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("media-relay-link", true), io);
        this.lanGroup = new MultiThreadIoEventLoopGroup(LAN_THREADS, new DefaultThreadFactory("media-relay", true), io);
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
        this.heldElsewhere = Counter.builder("sipsocial_media_ports_held_elsewhere")
                .description("Media ports of the range skipped because another socket held them").register(metrics);
        Gauge.builder("sipsocial_media_ports_in_use", ports, PortPool::inUse).register(metrics);
        this.link = bindLinkSide(settings.linkSide());
        this.linkSideLoop = new LanLoop(link.eventLoop(), true);
        this.lanLoops = new LanLoop[LAN_THREADS];
        int i = 0;
        for (io.netty.util.concurrent.EventExecutor loop : lanGroup) {
            lanLoops[i++] = new LanLoop((EventLoop) loop, false);
        }
        long sweep = Math.max(1, settings.idleTimeout().toMillis() / 4);
        link.eventLoop().scheduleAtFixedRate(this::closeIdleLegs, sweep, sweep, TimeUnit.MILLISECONDS);
        long probe = settings.pathProbeInterval().toMillis();
        link.eventLoop().scheduleAtFixedRate(this::probePaths, probe, probe, TimeUnit.MILLISECONDS);
    }

    public static MediaRelay start(MediaSettings settings, MeterRegistry metrics) {
        return start(settings, metrics, Clock.systemUTC());
    }

    public static MediaRelay start(MediaSettings settings, MeterRegistry metrics, Clock clock) {
        return new MediaRelay(settings, metrics, clock, LEGS_ON_LINK_THREAD);
    }

    /** A relay whose first {@code legsOnLinkThread} legs live on the link side's thread (tests: 0 for none). */
    static MediaRelay start(MediaSettings settings, MeterRegistry metrics, int legsOnLinkThread) {
        return new MediaRelay(settings, metrics, Clock.systemUTC(), legsOnLinkThread);
    }

    /**
     * Closes the legs no packet passed for the idle timeout: calls whose end the site never saw (a phone that
     * crashed, a link lost while the call was being set up) give their ports back.
     */
    void closeIdleLegs() {
        long cutoff = clock.millis() - settings.idleTimeout().toMillis();
        legs.forEachValue(leg -> {
            if (leg.lastActivityMillis() < cutoff) {
                leg.close();
                idleClosed.increment();
            }
        });
    }

    /**
     * The link with {@code site} came up, its other end at {@code farHost} (null when the link is relayed through
     * another site, issue 15): a media path opens, starting inside the link, and this relay's offer goes to the
     * other relay through {@code carrier}.
     */
    public void linkUp(String site, java.net.InetAddress farHost, LinkCarrier carrier) {
        link.eventLoop().execute(() -> {
            MediaPath path = new MediaPath(site, farHost, carrier, random, meters(site));
            paths.put(key(site), path);
            carrier.send(LinkFrames.OFFER, path.offer(linkSide().getPort(), mapped));
            byte[] early = earlyOffers.remove(key(site));
            if (early != null) {
                offered(path, early);
            }
        });
    }

    /**
     * The link with {@code site} moved to another connection, its other end now at {@code farHost} (issue 15: a
     * relayed link replaced by a direct one, so {@code farHost} is where UDP may now get through): the media path
     * stays, with its calls, and tries UDP there too; until a probe is answered, media goes on inside the link.
     * Our offer goes again over the new connection. With no path yet (the link's coming up not heard of), one opens.
     */
    public void linkMoved(String site, java.net.InetAddress farHost, LinkCarrier carrier) {
        link.eventLoop().execute(() -> {
            MediaPath path = paths.get(key(site));
            if (path == null) {
                linkUp(site, farHost, carrier);
                return;
            }
            path.moved(farHost, carrier);
            carrier.send(LinkFrames.OFFER, path.offer(linkSide().getPort(), mapped));
        });
    }

    /**
     * The UDP address the router in front of this site now maps to the relay's link side (issue 15: PCP, NAT-PMP
     * or UPnP), or empty when it maps none: told to every linked site's relay in a new offer, so that a relay
     * behind another NAT probes it, and to sites that link later in their first.
     */
    public void routerMapped(java.util.Optional<InetSocketAddress> external) {
        EventLoop loop = link.eventLoop();
        if (loop.isShuttingDown()) {
            return; // the relay is stopping: no offers any more
        }
        loop.execute(() -> {
            InetSocketAddress now = external.orElse(null);
            if (java.util.Objects.equals(now, mapped)) {
                return;
            }
            mapped = now;
            for (MediaPath path : paths.values()) {
                path.sendOffer(path.offer(linkSide().getPort(), mapped));
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
                fromOtherRelay(null, Unpooled.wrappedBuffer(payload));
                fromSites.readComplete();
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
                for (InetSocketAddress to : path.probeTargets()) {
                    link.write(new DatagramPacket(Unpooled.wrappedBuffer(probe), to));
                }
            }
        }
        link.flush();
    }

    private static String key(String site) {
        return site.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * A packet from another site's relay, over UDP from {@code sender}, or inside a link when it is null (on the
     * link side's thread): worked on there or handed to its leg's thread ({@link SiteInbound}), which releases
     * {@code packet}.
     */
    private void fromOtherRelay(InetSocketAddress sender, ByteBuf packet) {
        int word = LinkMediaPacket.channel(packet);
        Leg leg = word == 0 ? null : legs.get(word & ~LinkMediaPacket.CONTROL);
        if (leg == null) {
            packet.release();
            dropped.increment();
            return;
        }
        fromSites.packet(leg, sender, packet, (word & LinkMediaPacket.CONTROL) != 0);
    }

    /**
     * {@code task} on what {@code leg} holds for packets from the other site (closing a stream), on the thread that
     * works on them at the time, after the packets before it.
     */
    void onInbound(Leg leg, Runnable task) {
        try {
            link.eventLoop().execute(() -> fromSites.task(leg, task));
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            task.run();
        }
    }

    /** Packets from sites worked on the link side's thread, and handed to legs' threads, so far (for tests). */
    long[] fromSitesWorkedHereAndHandedOver() {
        return new long[] {fromSites.workedHere(), fromSites.handedOver()};
    }

    /** The link side's event loop (for tests). */
    EventLoop linkLoop() {
        return link.eventLoop();
    }

    /**
     * One LAN thread: a buffer its packets are decrypted and encrypted in, what the link side hands it, and what it
     * hands the link side to send.
     */
    final class LanLoop {
        final EventLoop loop;
        /** Whether this is the link side's own thread: its legs' packets from sites are always worked on there. */
        final boolean linkSide;
        final PacketBuffer scratch = PacketBuffer.scratch();
        final Handoff<SiteInbound.Item> fromSites;
        /** Where this thread builds each packet it sends (a buffer of its own, never released). */
        final ByteBuf out = Unpooled.directBuffer(LINK_DATAGRAM_BYTES + PacketBuffer.HEADROOM);

        LanLoop(EventLoop loop, boolean linkSide) {
            this.loop = loop;
            this.linkSide = linkSide;
            this.fromSites = new Handoff<>(loop, item -> SiteInbound.onLegThread(item, clock.millis(), scratch, out));
        }
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
     * A new leg: a LAN port and a channel number. The range is the site's by its settings, not by reservation: a
     * port of it that another socket holds (its bind fails) goes to the back of the pool, is counted, and the next
     * one is tried.
     *
     * @throws IllegalStateException when every port of the range is taken, by calls or by other sockets (the
     *         call gets 503)
     */
    public Leg open() {
        for (int tries = ports.size(); ; tries--) {
            OptionalInt port = ports.take();
            if (port.isEmpty()) {
                throw new IllegalStateException("all " + ports.size() + " media ports are in use");
            }
            try {
                return openOn(port.getAsInt());
            } catch (PortHeldElsewhere e) {
                ports.give(port.getAsInt());
                heldElsewhere.increment();
                if (tries <= 1) {
                    throw new IllegalStateException("no media port free: the range's last free ports are held by other sockets ("
                            + e.getMessage() + ")");
                }
            }
        }
    }

    /** Thrown by {@link #openOn} when the port's bind fails because another socket holds it. */
    private static final class PortHeldElsewhere extends Exception {
        PortHeldElsewhere(String message) {
            super(message, null, false, false);
        }
    }

    private Leg openOn(int port) throws PortHeldElsewhere {
        Leg leg;
        synchronized (this) {
            int channel;
            do {
                channel = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
            } while (legs.containsKey(channel));
            LanLoop loop;
            if (openOnLinkThread < legsOnLinkThread) {
                loop = linkSideLoop;
                openOnLinkThread++;
            } else {
                loop = lanLoops[nextLanLoop++ % lanLoops.length];
            }
            leg = new Leg(this, channel, port, clock.millis(), loop);
            IntMap<Leg> next = legs.copy();
            next.put(channel, leg);
            legs = next;
        }
        try {
            leg.lan = bind(leg.loop.loop, new InetSocketAddress(settings.lanAddress(), port), new LanSideHandler(leg, false));
            leg.lanControl = bind(leg.loop.loop, new InetSocketAddress(settings.lanAddress(), port + 1), new LanSideHandler(leg, true));
        } catch (Exception e) {
            // Netty's sync rethrows the bind's IOException (BindException, or epoll's "Address already in use") unchecked.
            forget(leg);
            if (leg.lan != null) {
                leg.lan.close();
            }
            if (e instanceof java.io.IOException) {
                throw new PortHeldElsewhere(settings.lanAddress() + ":" + (leg.lan == null ? port : port + 1) + ": " + e.getMessage());
            }
            ports.give(port);
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
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

    /** Takes {@code leg} out of the legs; returns whether it was there. */
    private synchronized boolean forget(Leg leg) {
        if (legs.get(leg.channel()) != leg) {
            return false;
        }
        IntMap<Leg> next = legs.copy();
        next.remove(leg.channel());
        legs = next;
        if (leg.loop == linkSideLoop) {
            openOnLinkThread--;
        }
        return true;
    }

    void closed(Leg leg) {
        if (forget(leg)) {
            // The link side's thread may be sending this leg's packets to its phone: it finishes what it holds (the
            // leg is closed, so it takes no more) before the leg's sockets close under it.
            EventLoop linkLoop = link.eventLoop();
            if (!linkLoop.inEventLoop() && !linkLoop.isShuttingDown()) {
                linkLoop.submit(() -> { }).awaitUninterruptibly(2, TimeUnit.SECONDS);
            }
            leg.lan.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
            if (leg.lanControl != null) {
                leg.lanControl.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
            }
            ports.give(leg.lanPort());
        }
    }

    /** A framed packet for another site's relay, sent from the leg's thread on the link-side socket. */
    boolean sendToSite(InetSocketAddress to, ByteBuf packet) {
        return DatagramSend.send(link, packet, to);
    }

    /** A packet for another site's relay, on the link side's thread. */
    private void sendToSite(InetSocketAddress to, byte[] packet) {
        link.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(packet), to));
    }

    /** Whether the relay runs on native epoll (Linux) rather than NIO. */
    public boolean nativeEpoll() {
        return epoll;
    }

    /**
     * A leg's LAN socket. With epoll, level-triggered and one datagram per read: a phone's packet costs one
     * {@code recvmsg}, where edge-triggered reading goes on until a second one fails with {@code EAGAIN}; the next
     * datagram, if any, is reported again by {@code epoll_wait} at once.
     */
    private Channel bind(EventLoop loop, InetSocketAddress address, ChannelInboundHandlerAdapter handler) {
        Bootstrap bootstrap = new Bootstrap().group(loop).channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .handler(handler);
        if (epoll) {
            bootstrap.option(EpollChannelOption.EPOLL_MODE, EpollMode.LEVEL_TRIGGERED)
                    .option(ChannelOption.MAX_MESSAGES_PER_READ, 1);
        }
        return bootstrap.bind(address).syncUninterruptibly().channel();
    }

    /**
     * The link-side socket: big kernel buffers, and with epoll one {@code recvmmsg} of up to
     * {@link #LINK_DATAGRAMS_PER_READ} datagrams per read, level-triggered (no second call that fails with
     * {@code EAGAIN}; what is left is reported again by {@code epoll_wait} at once).
     */
    private Channel bindLinkSide(InetSocketAddress address) {
        Bootstrap bootstrap = new Bootstrap().group(linkGroup)
                .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class).handler(new LinkSideHandler())
                .option(ChannelOption.SO_RCVBUF, LINK_SIDE_BUFFER_BYTES)
                .option(ChannelOption.SO_SNDBUF, LINK_SIDE_BUFFER_BYTES)
                .option(ChannelOption.MAX_MESSAGES_PER_READ, 4 * LINK_DATAGRAMS_PER_READ)
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT);
        if (epoll) {
            bootstrap.option(EpollChannelOption.EPOLL_MODE, EpollMode.LEVEL_TRIGGERED)
                    .option(ChannelOption.MAX_MESSAGES_PER_READ, 1)
                    .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, LINK_DATAGRAM_BYTES)
                    .option(ChannelOption.RCVBUF_ALLOCATOR,
                            new FixedRecvByteBufAllocator(LINK_DATAGRAM_BYTES * LINK_DATAGRAMS_PER_READ));
        }
        return bootstrap.bind(address).syncUninterruptibly().channel();
    }

    /** What phones send: latched and relayed to the other site, on the leg's thread. */
    private final class LanSideHandler extends ChannelInboundHandlerAdapter {
        private final Leg leg;
        private final boolean control;

        LanSideHandler(Leg leg, boolean control) {
            this.leg = leg;
            this.control = control;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            DatagramPacket packet = (DatagramPacket) message;
            try {
                leg.fromPhone(packet.sender(), packet.content(), control, clock.millis(), leg.loop.scratch);
            } finally {
                packet.release();
            }
        }
    }

    /**
     * What other sites' relays send: path control answered here, media handed to the thread of the leg whose
     * channel it names, in batches of what one read brought.
     */
    private final class LinkSideHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            DatagramPacket packet = (DatagramPacket) message;
            ByteBuf content = packet.content();
            if (content.readableBytes() == PathProof.PACKET_BYTES && LinkMediaPacket.channel(content) == 0) {
                byte[] bytes = ByteBufUtil.getBytes(content);
                packet.release();
                pathControl(packet.sender(), bytes);
            } else {
                fromOtherRelay(packet.sender(), content);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            fromSites.readComplete();
        }
    }

    @Override
    public void close() {
        legs.forEachValue(Leg::close);
        // The legs' threads send on the link-side socket: they stop first.
        lanGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        if (lanGroup.isTerminated()) {
            for (LanLoop loop : lanLoops) {
                loop.out.release();
            }
        }
        link.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        linkGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        if (linkGroup.isTerminated()) {
            fromSites.release();
            linkSideLoop.out.release();
        }
    }
}
