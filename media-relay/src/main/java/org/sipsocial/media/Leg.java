package org.sipsocial.media;

import java.net.InetSocketAddress;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * One medium (one {@code m=} line) of one call with another site, at this site's relay: a LAN port where the
 * phone's RTP arrives, the channel the other site's relay tags its packets with, and the two SRTP directions.
 *
 * <p>Symmetric latching (RFC 4961's practice): the relay sends to wherever the phone's packets come from, which
 * covers phones behind another NAT or announcing a wrong address; until the first packet, to the address the
 * phone's SDP announced.
 */
public final class Leg implements AutoCloseable {
    private final MediaRelay relay;
    /** The relay thread this leg's packets and SRTP state live on, both ways. */
    final LanLoop loop;
    private final int channel;
    private final int lanPort;
    Channel lan;
    /** RTCP on the LAN: the port after the RTP port (RFC 3550 §11). */
    Channel lanControl;
    private volatile InetSocketAddress phone;
    private volatile InetSocketAddress phoneControl;
    private volatile boolean latched;
    private volatile boolean controlLatched;
    private volatile Far far;
    /** When a packet last passed this leg (or it opened), from the relay's clock: idle legs are closed. */
    private volatile long lastActivityMillis;
    private volatile boolean closed;
    /** The RTP stream from the other site, as it arrived here (on the thread working on packets from the site). */
    private final ReceptionStats fromSiteStats = new ReceptionStats();
    /**
     * Items from other sites handed to this leg's thread ({@link SiteInbound}; written on the link side's thread
     * only), and of those, done there (written on this leg's thread only): while they differ, the leg's packets from
     * sites go to its thread, in order.
     */
    long siteItemsHanded;
    volatile long siteItemsDone;

    /**
     * SRTP on the LAN, for a phone that offered it (RFC 4568 SDES): the phone's key for what it sends, the relay's
     * own key for what goes to the phone, and the crypto tag the phone's offer gave them.
     */
    public record LanSrtp(int tag, SrtpKey phoneKey, SrtpKey relayKey, SrtpStream fromPhone, SrtpStream toPhone) {
    }

    private volatile LanSrtp lanSrtp;

    /** The other site's end of this leg: the path to its relay, its channel, and the keys of both directions. */
    private record Far(MediaPath path, int channel, SrtpKey outKey, SrtpStream out, SrtpKey inKey, SrtpStream in) {
    }

    Leg(MediaRelay relay, int channel, int lanPort, long nowMillis, LanLoop loop) {
        this.relay = relay;
        this.loop = loop;
        this.channel = channel;
        this.lanPort = lanPort;
        this.lastActivityMillis = nowMillis;
    }

    long lastActivityMillis() {
        return lastActivityMillis;
    }

    /** RTP packets from the other site missing so far (gaps in sequence numbers, less late arrivals). */
    public long lostFromSite() {
        return fromSiteStats.lost();
    }

    /** RTP packets from the other site that came after a later one. */
    public long lateFromSite() {
        return fromSiteStats.late();
    }

    /** The way to the other site's relay now: direct UDP, inside the link, or empty before the leg is joined. */
    String pathToSite() {
        Far joined = far;
        return joined == null ? "" : joined.path().isDirect() ? MediaAnchor.CallMedia.DIRECT : MediaAnchor.CallMedia.IN_LINK;
    }

    /** Whether the leg was closed (its call ended, or it was idle too long). */
    public boolean isClosed() {
        return closed;
    }

    /** The channel number other sites tag this leg's packets with. */
    public int channel() {
        return channel;
    }

    /** The LAN port the phone sends its RTP to. */
    public int lanPort() {
        return lanPort;
    }

    /**
     * Where the phone's SDP says it receives RTP (used until its first packet latches the leg), and RTCP on the
     * next port until its first RTCP packet latches that.
     */
    public void phoneAnnounced(InetSocketAddress address) {
        if (!latched) {
            phone = address;
        }
        if (!controlLatched && address.getPort() < 65535) {
            phoneControl = new InetSocketAddress(address.getAddress(), address.getPort() + 1);
        }
    }

    /**
     * Joins this leg to the other site's: the media path to its relay, its channel, the key this site protects
     * with ({@code out}) and the key the other site protects with ({@code in}).
     */
    void toSite(MediaPath path, int farChannel, SrtpKey out, SrtpKey in) {
        Far before = far;
        // A key already in use keeps its stream: a new stream under the same key would start its packet index
        // again, and SRTP must never protect two packets with one key and one index (RFC 3711 §9.1). An SDP that
        // comes again (a retransmitted 200, a re-INVITE) changes nothing of what is unchanged.
        boolean sameOut = before != null && before.outKey().equals(out);
        boolean sameIn = before != null && before.inKey().equals(in);
        far = new Far(path, farChannel, out, sameOut ? before.out() : SrtpStream.sending(out),
                in, sameIn ? before.in() : SrtpStream.receiving(in));
        if (before != null && !sameOut) {
            loop.loop.execute(before.out()::close);
        }
        if (before != null && !sameIn) {
            relay.onInbound(this, before.in()::close);
        }
    }

    /** {@link #toSite(MediaPath, int, SrtpKey, SrtpKey)} over UDP to {@code farRelay}, with no link to fall back on. */
    public void toSite(InetSocketAddress farRelay, int farChannel, SrtpKey out, SrtpKey in) {
        toSite(relay.path("", farRelay), farChannel, out, in);
    }

    /**
     * The phone offered SRTP with {@code phoneKey} under {@code tag}: from now on the LAN side of this leg is SRTP,
     * the relay sending with {@code relayKey} (kept from an earlier offer when its suite is the same, so that a
     * re-INVITE does not re-key the phone's way in).
     */
    public void phoneSrtp(int tag, SrtpKey phoneKey, java.util.function.Supplier<SrtpKey> relayKey) {
        LanSrtp before = lanSrtp;
        if (before != null && before.phoneKey().equals(phoneKey) && before.tag() == tag) {
            return;
        }
        SrtpKey ours = before != null && before.relayKey().suite() == phoneKey.suite() ? before.relayKey() : relayKey.get();
        lanSrtp = new LanSrtp(tag, phoneKey, ours, SrtpStream.receiving(phoneKey), SrtpStream.sending(ours));
        if (before != null) {
            loop.loop.execute(before.fromPhone()::close);
            relay.onInbound(this, before.toPhone()::close);
        }
    }

    /** The SRTP of the LAN side, or null when the phone speaks plain RTP. */
    public LanSrtp lanSrtp() {
        return lanSrtp;
    }

    /**
     * A packet from the phone, on the leg's RTP port or ({@code controlPort}) its RTCP port; RTCP multiplexed on
     * the RTP port (RFC 5761) is told by its packet type. On the leg's thread; {@code buffer} is that thread's,
     * where the packet is encrypted in place.
     */
    void fromPhone(InetSocketAddress sender, ByteBuf packet, boolean controlPort, long nowMillis, PacketBuffer buffer) {
        lastActivityMillis = nowMillis;
        Far target = far;
        int length = packet.readableBytes();
        if (length < Rtp.RTCP_HEADER_BYTES) {
            relay.counters.dropped.increment();
            return;
        }
        buffer.load(packet, packet.readerIndex(), length);
        if (!Rtp.isVersion2(buffer.getBuffer(), 0)) {
            relay.counters.dropped.increment();
            return;
        }
        boolean control = controlPort || Rtp.isRtcp(buffer.getBuffer(), 0);
        if (control) {
            phoneControl = sender;
            controlLatched = true;
        } else {
            phone = sender;
            latched = true;
        }
        if (target == null || (!control && length < Rtp.HEADER_BYTES)) {
            relay.counters.dropped.increment();
            return;
        }
        LanSrtp srtp = lanSrtp;
        if (srtp != null && !(control ? srtp.fromPhone().unprotectControl(buffer) : srtp.fromPhone().unprotect(buffer))) {
            relay.counters.phoneAuthenticationFailures.increment();
            return;
        }
        if (!(control ? target.out().protectControl(buffer) : target.out().protect(buffer))) {
            relay.counters.dropped.increment();
            return;
        }
        ByteBuf framed = LinkMediaPacket.frame(target.channel() | (control ? LinkMediaPacket.CONTROL : 0), buffer, loop.out.clear());
        if (target.path().send(framed, relay::sendToSite)) {
            relay.counters.relayedToSite.increment();
        } else {
            relay.counters.dropped.increment();
        }
    }

    /**
     * A packet from the other site's relay for this leg: SRTP, or SRTCP when {@code control}; {@code sender} is
     * where it came from over UDP, or null when it came inside the link. On the link side's thread or the leg's
     * ({@link SiteInbound}); the packet is copied into that thread's {@code buffer}, decrypted there in place, and
     * copied to its {@code out} to be sent (the caller releases {@code packet}).
     */
    void fromSite(InetSocketAddress sender, ByteBuf packet, boolean control, long nowMillis, PacketBuffer buffer, ByteBuf out) {
        Far source = far;
        InetSocketAddress to = control ? phoneControl : phone;
        if (source == null || to == null || closed) {
            relay.counters.dropped.increment();
            return;
        }
        int length = packet.readableBytes();
        buffer.load(packet, packet.readerIndex() + LinkMediaPacket.HEADER_BYTES, length - LinkMediaPacket.HEADER_BYTES);
        if (!(control ? source.in().unprotectControl(buffer) : source.in().unprotect(buffer))) {
            relay.counters.authenticationFailures.increment();
            return;
        }
        lastActivityMillis = nowMillis;
        if (sender != null) {
            // Latch onto the other relay as its authenticated packets arrive (its NAT may show another port).
            source.path().heardFrom(sender);
        }
        source.path().received(sender == null, length);
        if (!control) {
            long lost = fromSiteStats.received(Rtp.ssrc(buffer.getBuffer(), buffer.getOffset()),
                    Rtp.sequence(buffer.getBuffer(), buffer.getOffset()));
            if (lost < 0) {
                source.path().meters().late.increment();
            } else if (lost > 0) {
                source.path().meters().lost.increment(lost);
            }
        }
        LanSrtp srtp = lanSrtp;
        if (srtp != null && !(control ? srtp.toPhone().protectControl(buffer) : srtp.toPhone().protect(buffer))) {
            relay.counters.dropped.increment();
            return;
        }
        // RTCP goes back from the RTCP port, unless the phone multiplexes it on its RTP port.
        Channel socket = control && !to.equals(phone) ? lanControl : lan;
        if (DatagramSend.send(socket, out.writeBytes(buffer.getBuffer(), buffer.getOffset(), buffer.getLength()), to)) {
            relay.counters.relayedToPhone.increment();
        } else {
            relay.counters.dropped.increment();
        }
    }

    /** Frees the port and the keys (BYE, CANCEL, a failed call, a link gone). */
    @Override
    public void close() {
        closed = true;
        Far last = far;
        far = null;
        closeOnRelayThread(last);
        LanSrtp srtp = lanSrtp;
        lanSrtp = null;
        if (srtp != null) {
            loop.loop.execute(srtp.fromPhone()::close);
            relay.onInbound(this, srtp.toPhone()::close);
        }
        relay.closed(this);
    }

    /**
     * Each stream is closed on the thread that uses it, after any packet in hand: the way out on the leg's thread,
     * the way in where packets from the site are worked on ({@link SiteInbound}).
     */
    private void closeOnRelayThread(Far old) {
        if (old != null) {
            loop.loop.execute(old.out()::close);
            relay.onInbound(this, old.in()::close);
        }
    }
}
