package org.sipsocial.media;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramPacket;

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
 * its order and its SRTP state on one thread at a time, while the calls are spread over the cores. The sockets and
 * their threads are made by {@link RelaySockets}; the media path of each linked site is kept by {@link MediaPaths}.
 *
 * <p>The first legs open live on the link side's thread itself, both ways; legs opened beyond that go to the LAN
 * threads, so that a busy site spreads its calls over the cores ({@link LegThreads}).
 */
public final class MediaRelay implements AutoCloseable {
    private final MediaSettings settings;
    private final RelaySockets sockets = new RelaySockets();
    /** The link-side socket's thread. */
    private final EventLoopGroup linkGroup;
    /** The threads legs live on (changed under this relay's lock). */
    private final LegThreads threads;
    private final PortPool ports;
    private final Channel link;
    /** Open legs by channel: copied on write (open, close), read without a lock for every packet from a site. */
    private volatile IntMap<Leg> legs = new IntMap<>();
    /** One media path per linked site; changed on the link side's thread only. */
    private final MediaPaths paths;
    /** Packets from other sites, on the link side's thread. */
    private final SiteInbound fromSites;
    /** What the relay counts (read by its legs, and by tests). */
    final RelayCounters counters;
    private final Clock clock;

    private MediaRelay(MediaSettings settings, MeterRegistry metrics, Clock clock, int legsOnLinkThread) {
        this.settings = settings;
        this.clock = clock;
        this.fromSites = new SiteInbound(clock);
        this.linkGroup = sockets.threads(1, "media-relay-link");
        this.ports = new PortPool(settings.firstPort(), settings.lastPort());
        this.counters = new RelayCounters(metrics, ports);
        this.paths = new MediaPaths(metrics, clock, counters.dropped);
        this.link = sockets.linkSide(linkGroup, settings.linkSide(), new LinkSideHandler());
        this.threads = new LegThreads(sockets, link.eventLoop(), legsOnLinkThread, clock);
        long sweep = Math.max(1, settings.idleTimeout().toMillis() / 4);
        link.eventLoop().scheduleAtFixedRate(this::closeIdleLegs, sweep, sweep, TimeUnit.MILLISECONDS);
        long probe = settings.pathProbeInterval().toMillis();
        link.eventLoop().scheduleAtFixedRate(() -> paths.probe(link), probe, probe, TimeUnit.MILLISECONDS);
    }

    public static MediaRelay start(MediaSettings settings, MeterRegistry metrics) {
        return start(settings, metrics, Clock.systemUTC());
    }

    public static MediaRelay start(MediaSettings settings, MeterRegistry metrics, Clock clock) {
        return new MediaRelay(settings, metrics, clock, LegThreads.LEGS_ON_LINK_THREAD);
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
                counters.idleClosed.increment();
            }
        });
    }

    /**
     * The link with {@code site} came up, its other end at {@code farHost} (null when the link is relayed through
     * another site, issue 15): a media path opens, starting inside the link, and this relay's offer goes to the
     * other relay through {@code carrier}.
     */
    public void linkUp(String site, java.net.InetAddress farHost, LinkCarrier carrier) {
        link.eventLoop().execute(() -> paths.up(site, farHost, carrier, linkSide().getPort()));
    }

    /**
     * The link with {@code site} moved to another connection, its other end now at {@code farHost} (issue 15: a
     * relayed link replaced by a direct one, so {@code farHost} is where UDP may now get through): the media path
     * stays, with its calls, and tries UDP there too; until a probe is answered, media goes on inside the link.
     * Our offer goes again over the new connection. With no path yet (the link's coming up not heard of), one opens.
     */
    public void linkMoved(String site, java.net.InetAddress farHost, LinkCarrier carrier) {
        link.eventLoop().execute(() -> {
            if (!paths.moved(site, farHost, carrier, linkSide().getPort())) {
                linkUp(site, farHost, carrier);
            }
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
        loop.execute(() -> paths.routerMapped(external.orElse(null), linkSide().getPort()));
    }

    /** The link with {@code site} went down: its media path goes (its calls are being hung up). */
    public void linkDown(String site) {
        link.eventLoop().execute(() -> paths.down(site));
    }

    /** A frame ({@link LinkFrames}) that arrived inside the link with {@code site}. */
    public void fromLink(String site, int type, byte[] payload) {
        link.eventLoop().execute(() -> {
            if (paths.fromLink(site, type, payload)) {
                fromOtherRelay(null, Unpooled.wrappedBuffer(payload));
                fromSites.readComplete();
            }
        });
    }

    /** What {@code sipsocial status} says of the media path with {@code site}, when the link is up. */
    public java.util.Optional<String> pathTo(String site) {
        return paths.pathTo(site);
    }

    /** The path for a call with {@code site} ({@link MediaPaths#path}). */
    MediaPath path(String site, InetSocketAddress fromSdp) {
        return paths.path(site, fromSdp);
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
            counters.dropped.increment();
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
                counters.heldElsewhere.increment();
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
            leg = new Leg(this, channel, port, clock.millis(), threads.place());
            IntMap<Leg> next = legs.copy();
            next.put(channel, leg);
            legs = next;
        }
        try {
            leg.lan = sockets.lan(leg.loop.loop, new InetSocketAddress(settings.lanAddress(), port),
                    new LanSideHandler(leg, false));
            leg.lanControl = sockets.lan(leg.loop.loop, new InetSocketAddress(settings.lanAddress(), port + 1),
                    new LanSideHandler(leg, true));
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
        threads.left(leg.loop);
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

    /** Whether the relay runs on native epoll (Linux) rather than NIO. */
    public boolean nativeEpoll() {
        return sockets.epoll();
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
                paths.control(link, packet.sender(), bytes);
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
        threads.stopLanThreads();
        link.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        linkGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        if (linkGroup.isTerminated()) {
            fromSites.release();
            threads.linkSideStopped();
        }
    }
}
