package org.sipsocial.media;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import java.time.Clock;

/**
 * One thread the relay's legs live on (a LAN thread, or the link side's own): a buffer its packets are decrypted and
 * encrypted in, what the link side hands it ({@link SiteInbound}), and where it builds what it sends to the link side.
 */
final class LanLoop {
    final EventLoop loop;
    /** Whether this is the link side's own thread: its legs' packets from sites are always worked on there. */
    final boolean linkSide;
    final PacketBuffer scratch = PacketBuffer.scratch();
    final Handoff<SiteInbound.Item> fromSites;
    /** Where this thread builds each packet it sends (a buffer of its own, never released). */
    final ByteBuf out = Unpooled.directBuffer(RelaySockets.LINK_DATAGRAM_BYTES + PacketBuffer.HEADROOM);

    LanLoop(EventLoop loop, boolean linkSide, Clock clock) {
        this.loop = loop;
        this.linkSide = linkSide;
        this.fromSites = new Handoff<>(loop, item -> SiteInbound.onLegThread(item, clock.millis(), scratch, out));
    }
}
