package org.sipsocial.media;

import java.security.GeneralSecurityException;

import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.utils.logging2.LoggerImpl;

/**
 * One direction of SRTP and SRTCP (RFC 3711) with one master key: protects outgoing RTP and RTCP, or checks and
 * decrypts incoming SRTP and SRTCP. A crypto context is kept per SSRC, as RFC 3711 §3.2.3 asks (each with its own rollover counter and replay
 * list). Not thread-safe: each stream is used by its leg's one thread.
 */
final class SrtpStream implements AutoCloseable {
    private final SrtpContextFactory factory;
    /** By SSRC, unboxed: looked up for every packet. */
    private final IntMap<SrtpCryptoContext> contexts = new IntMap<>();
    private final IntMap<SrtcpCryptoContext> controls = new IntMap<>();

    private SrtpStream(boolean sender, SrtpKey key) {
        this.factory = new SrtpContextFactory(sender, key.key(), key.salt(), key.suite().policy(), key.suite().policy(),
                new LoggerImpl(SrtpStream.class.getName()));
    }

    static SrtpStream sending(SrtpKey key) {
        return new SrtpStream(true, key);
    }

    static SrtpStream receiving(SrtpKey key) {
        return new SrtpStream(false, key);
    }

    /** RTP in {@code packet}, encrypted and authenticated in place (the packet grows by the tag). */
    boolean protect(PacketBuffer packet) {
        return transform(packet, true) == SrtpErrorStatus.OK;
    }

    /** SRTP in {@code packet}, checked and decrypted in place; false (packet unusable) when it fails authentication or replay. */
    boolean unprotect(PacketBuffer packet) {
        return transform(packet, false) == SrtpErrorStatus.OK;
    }

    /** RTCP in {@code packet}, made SRTCP in place (RFC 3711 §3.4). */
    boolean protectControl(PacketBuffer packet) {
        return transformControl(packet, true) == SrtpErrorStatus.OK;
    }

    /** SRTCP in {@code packet}, checked and decrypted in place; false when it fails. */
    boolean unprotectControl(PacketBuffer packet) {
        return transformControl(packet, false) == SrtpErrorStatus.OK;
    }

    private SrtpErrorStatus transformControl(PacketBuffer packet, boolean protect) {
        if (packet.getLength() < Rtp.RTCP_HEADER_BYTES || !Rtp.isVersion2(packet.getBuffer(), packet.getOffset())) {
            return SrtpErrorStatus.INVALID_PACKET;
        }
        int ssrc = Rtp.rtcpSsrc(packet.getBuffer(), packet.getOffset());
        try {
            SrtcpCryptoContext context = controls.get(ssrc);
            if (context == null) {
                if (controls.size() >= MAX_SSRCS) {
                    return SrtpErrorStatus.FAIL;
                }
                context = factory.deriveControlContext(ssrc);
                controls.put(ssrc, context);
            }
            return protect ? context.transformPacket(packet) : context.reverseTransformPacket(packet);
        } catch (GeneralSecurityException e) {
            return SrtpErrorStatus.FAIL;
        }
    }

    private SrtpErrorStatus transform(PacketBuffer packet, boolean protect) {
        if (packet.getLength() < Rtp.HEADER_BYTES || !Rtp.isVersion2(packet.getBuffer(), packet.getOffset())) {
            return SrtpErrorStatus.INVALID_PACKET;
        }
        int ssrc = Rtp.ssrc(packet.getBuffer(), packet.getOffset());
        try {
            SrtpCryptoContext context = contexts.get(ssrc);
            if (context == null) {
                if (contexts.size() >= MAX_SSRCS) {
                    return SrtpErrorStatus.FAIL;
                }
                context = factory.deriveContext(ssrc, 0);
                contexts.put(ssrc, context);
            }
            return protect ? context.transformPacket(packet) : context.reverseTransformPacket(packet, false);
        } catch (GeneralSecurityException e) {
            return SrtpErrorStatus.FAIL;
        }
    }

    /** A call carries a few SSRCs (one per sender and medium): more is an attack on the relay's memory. */
    static final int MAX_SSRCS = 16;

    @Override
    public void close() {
        factory.close();
    }

}
