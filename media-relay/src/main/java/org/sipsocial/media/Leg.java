package org.sipsocial.media;

import java.net.InetSocketAddress;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;

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
    private final int channel;
    private final int lanPort;
    Channel lan;
    private volatile InetSocketAddress phone;
    private volatile boolean latched;
    private volatile Far far;
    /** When a packet last passed this leg (or it opened), from the relay's clock: idle legs are closed. */
    private volatile long lastActivityMillis;
    private volatile boolean closed;

    /** The other site's end of this leg, and the keys of both directions. */
    private record Far(InetSocketAddress relay, int channel, SrtpStream out, SrtpStream in) {
    }

    Leg(MediaRelay relay, int channel, int lanPort, long nowMillis) {
        this.relay = relay;
        this.channel = channel;
        this.lanPort = lanPort;
        this.lastActivityMillis = nowMillis;
    }

    long lastActivityMillis() {
        return lastActivityMillis;
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

    /** Where the phone's SDP says it receives (used until its first packet latches the leg). */
    public void phoneAnnounced(InetSocketAddress address) {
        if (!latched) {
            phone = address;
        }
    }

    /**
     * Joins this leg to the other site's: its relay's address, its channel, the key this site protects with
     * ({@code out}) and the key the other site protects with ({@code in}).
     */
    public void toSite(InetSocketAddress farRelay, int farChannel, SrtpKey out, SrtpKey in) {
        Far before = far;
        far = new Far(farRelay, farChannel, SrtpStream.sending(out), SrtpStream.receiving(in));
        closeOnRelayThread(before);
    }

    void fromPhone(InetSocketAddress sender, byte[] packet, long nowMillis) {
        lastActivityMillis = nowMillis;
        phone = sender;
        latched = true;
        Far target = far;
        if (target == null || packet.length < Rtp.HEADER_BYTES || !Rtp.isVersion2(packet, 0) || Rtp.isRtcp(packet, 0)) {
            relay.dropped.increment();
            return;
        }
        PacketBuffer buffer = PacketBuffer.copyOf(packet, 0, packet.length);
        if (!target.out().protect(buffer)) {
            relay.dropped.increment();
            return;
        }
        relay.sendToSite(target.relay(), LinkMediaPacket.frame(target.channel(), buffer));
        relay.relayedToSite.increment();
    }

    void fromSite(InetSocketAddress sender, byte[] packet, long nowMillis) {
        Far source = far;
        InetSocketAddress to = phone;
        if (source == null || to == null) {
            relay.dropped.increment();
            return;
        }
        PacketBuffer buffer = PacketBuffer.copyOf(packet, LinkMediaPacket.HEADER_BYTES, packet.length - LinkMediaPacket.HEADER_BYTES);
        if (!source.in().unprotect(buffer)) {
            relay.authenticationFailures.increment();
            return;
        }
        lastActivityMillis = nowMillis;
        if (!sender.equals(source.relay()) && far == source) {
            // Latch onto the other relay as its authenticated packets arrive (its NAT may show another port).
            far = new Far(sender, source.channel(), source.out(), source.in());
        }
        lan.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(buffer.getBuffer(), buffer.getOffset(), buffer.getLength()), to));
        relay.relayedToPhone.increment();
    }

    /** Frees the port and the keys (BYE, CANCEL, a failed call, a link gone). */
    @Override
    public void close() {
        closed = true;
        Far last = far;
        far = null;
        closeOnRelayThread(last);
        relay.closed(this);
    }

    /** The streams are used on the relay's thread only: they are closed there too, after any packet in hand. */
    private void closeOnRelayThread(Far old) {
        if (old != null) {
            lan.eventLoop().execute(() -> {
                old.out().close();
                old.in().close();
            });
        }
    }
}
