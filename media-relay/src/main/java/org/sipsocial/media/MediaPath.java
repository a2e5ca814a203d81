package org.sipsocial.media;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The one media path between this site's relay and a linked site's (issue 11): every call between the two sites
 * rides it, each packet tagged with its channel ({@link LinkMediaPacket}).
 *
 * <p>When the link comes up, each relay sends the other, inside the mutual-TLS link, a {@link PathOffer}: the UDP
 * port of its link side and a secret for proving its probes. Both then probe each other's UDP side once a
 * {@linkplain MediaSettings#pathProbeInterval() probe interval} (UDP hole punching from one fixed port), answer
 * each probe they can prove, and latch onto the source of what they proved (the other NAT may show another port).
 * An answer to one of our own probes shows that UDP gets through both ways: the path is then <em>direct</em>.
 * Until then, and whenever no answer has come for {@link #DEAD_AFTER_PROBES} intervals, media goes
 * <em>inside the link</em>, in the link's own frames, so that two connected sites always hear each other; calls
 * move between the two without noticing, as both carry the same SRTP packets.
 *
 * <p>Probes, control packets and offers are handled on the link side's thread; the legs' threads call
 * {@link #send}, {@link #heardFrom} and {@link #received}, which touch only volatile fields and meters.
 */
final class MediaPath {
    /** Probes without an answer after which a direct path counts as dead and media moves into the link. */
    static final int DEAD_AFTER_PROBES = 3;

    private final String site;
    private final PathMeters meters;
    private final InetAddress farHost;
    private final LinkCarrier carrier;
    private final PathProof ours;
    private PathProof theirs;
    private volatile InetSocketAddress far;
    private volatile boolean direct;
    private long lastAnswerMillis;
    private long probesUnanswered;
    private volatile String why = "no UDP path yet: probing";
    /** The highest sequence number proven by the other relay: older packets are replays. */
    private long theirLastSequence = -1;

    MediaPath(String site, InetAddress farHost, LinkCarrier carrier, SecureRandom random, PathMeters meters) {
        this.site = site;
        this.meters = meters;
        this.farHost = farHost;
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
        path.why = "";
        return path;
    }

    String site() {
        return site;
    }

    /** Our offer, for the other relay: our link-side UDP port and the proof of our probes. */
    byte[] offer(int linkSidePort) {
        return PathOffer.encode(linkSidePort, ours);
    }

    /** The other relay's offer arrived inside the link: where to probe, and how to tell its probes. */
    void offered(byte[] offer) {
        PathOffer parsed = PathOffer.decode(offer);
        theirs = parsed.proof();
        theirLastSequence = -1;
        if (far == null && farHost != null) {
            far = new InetSocketAddress(farHost, parsed.port());
        }
    }

    /** Once a probe interval: a probe to the other relay, and the path judged by the answers so far. */
    byte[] probe(long nowMillis) {
        if (carrier == null || far == null) {
            return null;
        }
        if (direct && ++probesUnanswered > DEAD_AFTER_PROBES) {
            direct = false;
            why = "no UDP path: no answer to " + DEAD_AFTER_PROBES + " probes since "
                    + java.time.Instant.ofEpochMilli(lastAnswerMillis);
        }
        return ours.sign(PathProof.PROBE);
    }

    /** Where probes and media go over UDP, when known. */
    InetSocketAddress far() {
        return far;
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
        why = "";
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
        if (carrier != null) {
            carrier.send(LinkFrames.MEDIA, io.netty.buffer.ByteBufUtil.getBytes(framed));
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
        return direct ? "media: direct UDP with " + far.getAddress().getHostAddress() + ":" + far.getPort()
                : "media: inside the link (" + why + ")";
    }

    /**
     * The secret one relay proves its path control packets with (HMAC-SHA-256, RFC 2104), and its public name:
     * {@code 0x00000000, type, name (8), sequence (8), tag (16)}. The zero channel word tells them from media;
     * the sequence number grows with every packet, so that a replayed one is refused.
     */
    record PathProof(byte[] name, byte[] secret, java.util.concurrent.atomic.AtomicLong sequence) {
        static final byte PROBE = 'P';
        static final byte ANSWER = 'A';
        static final int NAME_BYTES = 8;
        static final int SECRET_BYTES = 32;
        static final int TAG_BYTES = 16;
        static final int PACKET_BYTES = LinkMediaPacket.HEADER_BYTES + 1 + NAME_BYTES + 8 + TAG_BYTES;

        static PathProof random(SecureRandom random) {
            byte[] name = new byte[NAME_BYTES];
            byte[] secret = new byte[SECRET_BYTES];
            random.nextBytes(name);
            random.nextBytes(secret);
            return new PathProof(name, secret);
        }

        PathProof(byte[] name, byte[] secret) {
            this(name, secret, new java.util.concurrent.atomic.AtomicLong());
        }

        static byte type(byte[] packet) {
            return packet[4];
        }

        static long sequence(byte[] packet) {
            return ByteBuffer.wrap(packet).getLong(5 + NAME_BYTES);
        }

        byte[] sign(byte type) {
            ByteBuffer packet = ByteBuffer.allocate(PACKET_BYTES);
            packet.putInt(0).put(type).put(name).putLong(sequence.incrementAndGet());
            packet.put(tag(packet.array(), PACKET_BYTES - TAG_BYTES));
            return packet.array();
        }

        boolean names(byte[] packet) {
            return packet.length == PACKET_BYTES
                    && Arrays.equals(packet, 5, 5 + NAME_BYTES, name, 0, NAME_BYTES);
        }

        /** Whether {@code packet} is a probe or an answer signed with this secret. */
        boolean proves(byte[] packet) {
            if (!names(packet) || (type(packet) != PROBE && type(packet) != ANSWER)) {
                return false;
            }
            byte[] expected = tag(packet, PACKET_BYTES - TAG_BYTES);
            return java.security.MessageDigest.isEqual(expected,
                    Arrays.copyOfRange(packet, PACKET_BYTES - TAG_BYTES, PACKET_BYTES));
        }

        private byte[] tag(byte[] packet, int length) {
            try {
                javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
                mac.init(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256"));
                mac.update(packet, 0, length);
                return Arrays.copyOf(mac.doFinal(), TAG_BYTES);
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA-256 is missing from this JDK", e);
            }
        }
    }

    /** A relay's offer inside the link: its link-side UDP port (2 bytes), then its {@link PathProof}. */
    record PathOffer(int port, PathProof proof) {
        static final int BYTES = 2 + PathProof.NAME_BYTES + PathProof.SECRET_BYTES;

        static byte[] encode(int port, PathProof proof) {
            return ByteBuffer.allocate(BYTES).putShort((short) port).put(proof.name()).put(proof.secret()).array();
        }

        /** @throws IllegalArgumentException when it is not an offer */
        static PathOffer decode(byte[] bytes) {
            if (bytes.length != BYTES) {
                throw new IllegalArgumentException("a media path offer has " + BYTES + " bytes, not " + bytes.length);
            }
            ByteBuffer in = ByteBuffer.wrap(bytes);
            int port = in.getShort() & 0xFFFF;
            if (port == 0) {
                throw new IllegalArgumentException("a media path offer names port 0");
            }
            byte[] name = new byte[PathProof.NAME_BYTES];
            byte[] secret = new byte[PathProof.SECRET_BYTES];
            in.get(name).get(secret);
            return new PathOffer(port, new PathProof(name, secret));
        }
    }
}
