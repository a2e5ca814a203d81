package org.sipsocial.media;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The relay's media paths, one per linked site (issue 11), by site name in lower case. A path opens when its link
 * comes up, starting inside the link, and this relay's offer ({@link PathOffer}) goes to the other relay through the
 * link; an offer that comes before this relay heard of its link waits for the path. Paths probe UDP to the other
 * relay ({@link PathProof}) and answer its probes on the relay's link-side socket. Changed on the link side's thread
 * only; {@link #path} and {@link #pathTo} read from any thread.
 */
final class MediaPaths {
    private final Map<String, MediaPath> paths = new ConcurrentHashMap<>();
    /**
     * Offers that came before this relay heard of their link coming up (each side's link layer tells its relay in
     * its own time); one per site, taken when the link's path opens.
     */
    private final Map<String, byte[]> earlyOffers = new HashMap<>();
    /** The UDP address the router maps to the relay's link side, or null (issue 15). */
    private InetSocketAddress mapped;
    private final SecureRandom random = new SecureRandom();
    private final MeterRegistry metrics;
    private final Map<String, PathMeters> pathMeters = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Counter dropped;

    /** {@code dropped} counts the offers and path control packets that no path takes. */
    MediaPaths(MeterRegistry metrics, Clock clock, Counter dropped) {
        this.metrics = metrics;
        this.clock = clock;
        this.dropped = dropped;
    }

    /** The link with {@code site} came up: its path opens and our offer goes, for a link side on {@code linkPort}. */
    void up(String site, InetAddress farHost, LinkCarrier carrier, int linkPort) {
        MediaPath path = new MediaPath(site, farHost, carrier, random, meters(site));
        paths.put(key(site), path);
        carrier.send(LinkFrames.OFFER, path.offer(linkPort, mapped));
        byte[] early = earlyOffers.remove(key(site));
        if (early != null) {
            offered(path, early);
        }
    }

    /**
     * The link with {@code site} moved to another connection: its path stays, tries UDP at {@code farHost} too, and
     * our offer goes again. False when there is no path yet (one must open).
     */
    boolean moved(String site, InetAddress farHost, LinkCarrier carrier, int linkPort) {
        MediaPath path = paths.get(key(site));
        if (path == null) {
            return false;
        }
        path.moved(farHost, carrier);
        carrier.send(LinkFrames.OFFER, path.offer(linkPort, mapped));
        return true;
    }

    /** The router maps {@code external} (or nothing, when null) to the link side: a new offer on every path. */
    void routerMapped(InetSocketAddress external, int linkPort) {
        if (Objects.equals(external, mapped)) {
            return;
        }
        mapped = external;
        for (MediaPath path : paths.values()) {
            path.sendOffer(path.offer(linkPort, mapped));
        }
    }

    /** The link with {@code site} went down: its path goes. */
    void down(String site) {
        paths.remove(key(site));
        earlyOffers.remove(key(site));
    }

    /**
     * A frame ({@link LinkFrames}) that arrived inside the link with {@code site}: an offer is taken here (or kept
     * until the path opens). True when it is media on an open path, for the caller to relay.
     */
    boolean fromLink(String site, int type, byte[] payload) {
        MediaPath path = paths.get(key(site));
        if (type == LinkFrames.OFFER && path == null) {
            earlyOffers.put(key(site), payload);
        } else if (path == null) {
            dropped.increment();
        } else if (type == LinkFrames.OFFER) {
            offered(path, payload);
        } else if (type == LinkFrames.MEDIA) {
            return true;
        } else {
            dropped.increment();
        }
        return false;
    }

    /** What {@code sipsocial status} says of the media path with {@code site}, when the link is up. */
    Optional<String> pathTo(String site) {
        return Optional.ofNullable(paths.get(key(site))).map(MediaPath::describe);
    }

    /**
     * The path for a call with {@code site}: the link's, or when no link told the relay of one, UDP to where the
     * other site's SDP says its relay is.
     */
    MediaPath path(String site, InetSocketAddress fromSdp) {
        MediaPath path = paths.get(key(site));
        return path != null ? path : MediaPath.fromSdp(site, fromSdp, random, meters(site));
    }

    /** A path probe or answer over UDP: proven by the path it names, answered on {@code link} when it is a probe. */
    void control(Channel link, InetSocketAddress sender, byte[] bytes) {
        for (MediaPath path : paths.values()) {
            if (path.isTheirs(bytes)) {
                byte[] answer = path.control(bytes, sender, clock.millis());
                if (answer != null) {
                    link.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(answer), sender));
                }
                return;
            }
        }
        dropped.increment();
    }

    /** Each path's probe, if one is due, to each of its targets, on {@code link}. */
    void probe(Channel link) {
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

    /** A site's path meters, made once (Micrometer gives the same meters for the same name and tags). */
    private PathMeters meters(String site) {
        return pathMeters.computeIfAbsent(key(site), s -> new PathMeters(metrics, s));
    }

    private void offered(MediaPath path, byte[] offer) {
        try {
            path.offered(offer);
        } catch (IllegalArgumentException e) {
            dropped.increment();
        }
    }

    private static String key(String site) {
        return site.toLowerCase(Locale.ROOT);
    }
}
