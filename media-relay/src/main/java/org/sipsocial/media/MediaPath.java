package org.sipsocial.media;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The one media path between this site's relay and a linked site's (issue 11): every call between the two sites
 * rides it, each packet tagged with its channel ({@link LinkMediaPacket}).
 *
 * <p>When the link comes up, each relay sends the other, inside the mutual-TLS link, a {@link PathOffer}: the UDP
 * port of its link side, a secret for proving its probes, and the UDP address its router mapped to that port when
 * it mapped one (issue 15). Both then probe each other's {@linkplain #candidates() candidates} (the mapped address,
 * and the relay's port where the link sees the other site) once a
 * {@linkplain MediaSettings#pathProbeInterval() probe interval} (UDP hole punching from one fixed port), answer
 * each probe they can prove, and latch onto the source of what they proved (the other NAT may show another port).
 * An answer to one of our own probes shows that UDP gets through both ways: the path is then <em>direct</em>.
 * Until then, and whenever no answer has come for {@link #DEAD_AFTER_PROBES} intervals, media goes
 * <em>inside the link</em>, in the link's own frames, so that two connected sites always hear each other; calls
 * move between the two without noticing, as both carry the same SRTP packets. A relay sends its offer again when
 * its router's mapping changes; when the link {@linkplain #moved moves} (a relayed link replaced by a direct one),
 * the path learns where the new link sees the other site and probes there too, its calls staying on it.
 *
 * <p>Probes, control packets and offers are handled on the link side's thread; the legs' threads call
 * {@link #send}, {@link #heardFrom} and {@link #received}, which touch only volatile fields and meters.
 */
final class MediaPath {
    /** Probes without an answer after which a direct path counts as dead and media moves into the link. */
    static final int DEAD_AFTER_PROBES = 3;

    private final String site;
    private final PathMeters meters;
    /** Where the link sees the other site, or null while the link is relayed (issue 15); on the link side's thread. */
    private volatile InetAddress linkHost;
    private volatile LinkCarrier carrier;
    private final PathProof ours;
    private volatile PathProof theirs;
    /** The other relay's UDP port as it offered it (0 before its offer), to try at {@link #linkHost}. */
    private volatile int theirPort;
    /** The UDP address the other site's router mapped to its relay, when its offer named one (issue 15). */
    private volatile InetSocketAddress theirMapped;
    /** Where the other relay was last proven to be (the source of its probes, answers and media), or null. */
    private volatile InetSocketAddress far;
    private volatile boolean direct;
    private long lastAnswerMillis;
    private long probesUnanswered;
    /** Why no UDP path carries media, once known; empty while the path is being opened. */
    private volatile String deadWhy = "";
    /** The highest sequence number proven by the other relay: older packets are replays. */
    private long theirLastSequence = -1;

    MediaPath(String site, InetAddress linkHost, LinkCarrier carrier, SecureRandom random, PathMeters meters) {
        this.site = site;
        this.meters = meters;
        this.linkHost = linkHost;
        this.carrier = carrier;
        this.ours = PathProof.random(random);
    }

    /**
     * A path known only from the other site's SDP (no link told the relay of it): UDP to that address, never
     * inside a link.
     */
    static MediaPath fromSdp(String site, InetSocketAddress far, SecureRandom random, PathMeters meters) {
        MediaPath path = new MediaPath(site, far.getAddress(), null, random, meters);
        path.far = far;
        path.direct = true;
        return path;
    }

    String site() {
        return site;
    }

    /**
     * Our offer, for the other relay: our link-side UDP port, the proof of our probes, and the UDP address our
     * router mapped to that port ({@code mapped}, or null when it mapped none).
     */
    byte[] offer(int linkSidePort, InetSocketAddress mapped) {
        return PathOffer.encode(linkSidePort, ours, mapped);
    }

    /** Sends {@code offer} to the other relay inside the link (again: its router's mapping changed). */
    void sendOffer(byte[] offer) {
        LinkCarrier link = carrier;
        if (link != null) {
            link.send(LinkFrames.OFFER, offer);
        }
    }

    /** Our offer with no mapped address. */
    byte[] offer(int linkSidePort) {
        return offer(linkSidePort, null);
    }

    /**
     * The other relay's offer arrived inside the link: where to probe, and how to tell its probes. A new offer under
     * the same name (sent again when its router's mapping changed, or after the link moved) keeps the sequence
     * numbers already proven, so that nothing seen before can be replayed.
     */
    void offered(byte[] offer) {
        PathOffer parsed = PathOffer.decode(offer);
        if (theirs == null || !Arrays.equals(theirs.name(), parsed.proof().name())) {
            theirLastSequence = -1;
        }
        theirs = parsed.proof();
        theirPort = parsed.port();
        theirMapped = parsed.mapped();
    }

    /**
     * The link now runs over another connection (issue 15: a relayed link replaced by a direct one), whose other end
     * is at {@code linkHost} (null when relayed): the path tries UDP there too, while media keeps going inside the
     * link until an answer proves the path. Calls on this path follow it without noticing.
     */
    void moved(InetAddress linkHost, LinkCarrier carrier) {
        this.linkHost = linkHost;
        this.carrier = carrier;
        if (!direct) {
            probesUnanswered = 0;
            deadWhy = "";
        }
    }

    /** Once a probe interval: a probe to the other relay, and the path judged by the answers so far. */
    byte[] probe(long nowMillis) {
        if (carrier == null || probeTargets().isEmpty()) {
            return null;
        }
        if (direct && ++probesUnanswered > DEAD_AFTER_PROBES) {
            direct = false;
            deadWhy = "no UDP path: no answer to " + DEAD_AFTER_PROBES + " probes since "
                    + java.time.Instant.ofEpochMilli(lastAnswerMillis);
        }
        return ours.sign(PathProof.PROBE);
    }

    /**
     * Where the other relay may be reached over UDP, most likely first: the address its router mapped (from its
     * offer), then its relay's port where the link sees it. Empty before its offer, and for a relayed link whose
     * other site's router mapped nothing.
     */
    java.util.List<InetSocketAddress> candidates() {
        java.util.List<InetSocketAddress> out = new java.util.ArrayList<>(2);
        if (theirMapped != null) {
            out.add(theirMapped);
        }
        if (linkHost != null && theirPort != 0) {
            InetSocketAddress seen = new InetSocketAddress(linkHost, theirPort);
            if (!out.contains(seen)) {
                out.add(seen);
            }
        }
        return out;
    }

    /**
     * Where this interval's probe goes: to the proven address alone while the path is direct; otherwise there and
     * to every candidate (UDP hole punching towards each: the first to answer wins).
     */
    java.util.List<InetSocketAddress> probeTargets() {
        InetSocketAddress proven = far;
        if (direct && proven != null) {
            return java.util.List.of(proven);
        }
        java.util.List<InetSocketAddress> out = new java.util.ArrayList<>(3);
        if (proven != null) {
            out.add(proven);
        }
        for (InetSocketAddress candidate : candidates()) {
            if (!out.contains(candidate)) {
                out.add(candidate);
            }
        }
        return out;
    }

    /** Where media goes over UDP: where the other relay was proven to be, else the first candidate, else null. */
    InetSocketAddress far() {
        InetSocketAddress proven = far;
        if (proven != null) {
            return proven;
        }
        java.util.List<InetSocketAddress> candidates = candidates();
        return candidates.isEmpty() ? null : candidates.get(0);
    }

    /**
     * A path control packet from {@code sender} naming our path: a probe of the other relay (answered, and its
     * source latched) or an answer to ours (the path is direct). Returns the answer to send back, or null.
     */
    byte[] control(byte[] packet, InetSocketAddress sender, long nowMillis) {
        if (theirs == null || !theirs.proves(packet) || PathProof.sequence(packet) <= theirLastSequence) {
            return null;
        }
        theirLastSequence = PathProof.sequence(packet);
        far = sender;
        if (PathProof.type(packet) == PathProof.PROBE) {
            return ours.sign(PathProof.ANSWER);
        }
        direct = true;
        probesUnanswered = 0;
        lastAnswerMillis = nowMillis;
        deadWhy = "";
        return null;
    }

    /** Whether {@code packet} is a control packet of this path's other relay. */
    boolean isTheirs(byte[] packet) {
        return theirs != null && theirs.names(packet);
    }

    /** An authenticated media packet came over UDP from {@code sender}: the other relay is there now. */
    void heardFrom(InetSocketAddress sender) {
        if (!sender.equals(far)) {
            far = sender;
        }
    }

    /**
     * Sends one framed media packet (which stays the caller's): over UDP when the path is direct, else inside the
     * link.
     *
     * @return false when it could go neither way, or the UDP socket refused it (dropped)
     */
    boolean send(io.netty.buffer.ByteBuf framed, java.util.function.BiPredicate<InetSocketAddress, io.netty.buffer.ByteBuf> udp) {
        int bytes = framed.readableBytes();
        InetSocketAddress to = far;
        if (direct && to != null) {
            if (!udp.test(to, framed)) {
                return false;
            }
            meters.sent(false, bytes);
            return true;
        }
        LinkCarrier link = carrier;
        if (link != null) {
            link.send(LinkFrames.MEDIA, io.netty.buffer.ByteBufUtil.getBytes(framed));
            meters.sent(true, bytes);
            return true;
        }
        return false;
    }

    /** An authenticated packet of {@code bytes} came from the other relay, over UDP or inside the link. */
    void received(boolean inLink, int bytes) {
        meters.received(inLink, bytes);
    }

    PathMeters meters() {
        return meters;
    }

    boolean isDirect() {
        return direct;
    }

    /** The line {@code sipsocial status} shows for this path. */
    String describe() {
        InetSocketAddress proven = far;
        if (direct && proven != null) {
            return "media: direct UDP with " + hostPort(proven);
        }
        return "media: inside the link (" + whyInsideTheLink() + ")";
    }

    private String whyInsideTheLink() {
        if (!deadWhy.isEmpty()) {
            return deadWhy;
        }
        if (theirs == null) {
            return "no UDP path yet: waiting for the other relay's offer";
        }
        java.util.List<InetSocketAddress> targets = probeTargets();
        if (targets.isEmpty()) {
            return "no UDP path: the link is relayed, and the other site's router mapped no UDP port for media";
        }
        StringBuilder line = new StringBuilder("no UDP path yet: probing ");
        for (int i = 0; i < targets.size(); i++) {
            line.append(i == 0 ? "" : " and ").append(hostPort(targets.get(i)));
            if (targets.get(i).equals(theirMapped)) {
                line.append(" (mapped by its router)");
            }
        }
        return line.toString();
    }

    private static String hostPort(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}
