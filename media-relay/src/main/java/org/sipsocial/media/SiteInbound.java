package org.sipsocial.media;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.concurrent.RejectedExecutionException;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;

/**
 * The way in from other sites (issue 11): where each packet the link-side socket reads for a leg is checked,
 * decrypted and sent to its phone.
 *
 * <p>While the link side's thread keeps up, it does that work itself, right after reading: one thread wakes per
 * packet, as in rtpengine, rather than two (measured with bench/media: the second wake-up cost a third more CPU per
 * packet at 10 and 100 calls). When one read brings more than {@link #WORK_HERE_PER_READ} packets, or the read
 * before it was full (the socket was not drained), the thread is behind, and the one socket every call shares must
 * be drained before its kernel buffer fills: the rest goes, in batches, to each leg's own LAN thread
 * ({@link Handoff}), which does the work instead.
 *
 * <p>What a leg holds for this direction (its SRTP stream from the site with its replay window, its reception
 * statistics, the SRTP towards a phone that speaks it) is used by one thread at a time, and the leg's packets keep
 * their order: once a leg has items handed to its thread, every later item of that leg is handed there too, until
 * that thread has done them all ({@link Leg#siteItemsHanded} equals {@link Leg#siteItemsDone}, a volatile write
 * after the work); only then does the link side work on the leg's packets itself again. Closing a leg's inbound
 * streams goes the same way ({@link #task}). A leg that lives on the link side's thread ({@link MediaRelay}) has its
 * packets worked on here always: there is no other thread to hand them to. Everything here runs on the link side's
 * thread, except {@link #onLegThread}.
 */
final class SiteInbound {
    /** Packets of one read the link side's thread works on itself; the rest of a bigger read is handed over. */
    static final int WORK_HERE_PER_READ = 16;

    private final Clock clock;
    /** The link side's own buffers: where packets are decrypted, and copied to for sending. */
    private final PacketBuffer scratch = PacketBuffer.scratch();
    private final ByteBuf out = Unpooled.directBuffer(RelaySockets.LINK_DATAGRAM_BYTES + PacketBuffer.HEADROOM);
    /** The LAN threads given items since the last hand-over. */
    private final ArrayList<LanLoop> loopsToHandOver = new ArrayList<>();
    private int readThisRound;
    /** Whether the last read was full: the socket was not drained, so this read's packets are all handed over. */
    private boolean behind;
    /** Items worked on here, and handed to legs' threads (written on the link side's thread only). */
    private volatile long workedHere;
    private volatile long handedOver;

    SiteInbound(Clock clock) {
        this.clock = clock;
    }

    /** An item on its way from the link side's thread to a leg's: a packet, or a task on the leg's inbound state. */
    record Item(Leg leg, ByteBuf packet, InetSocketAddress sender, boolean control, Runnable task) {
    }

    /**
     * A packet from another site for {@code leg}, from {@code sender} over UDP or inside the link when null: worked on
     * now or handed over. Releases {@code packet}.
     */
    void packet(Leg leg, InetSocketAddress sender, ByteBuf packet, boolean control) {
        int position = readThisRound++;
        if (leg.loop.linkSide || !behind && position < WORK_HERE_PER_READ && leg.siteItemsHanded == leg.siteItemsDone) {
            workedHere++;
            try {
                leg.fromSite(sender, packet, control, clock.millis(), scratch, out.clear());
            } finally {
                packet.release();
            }
            return;
        }
        // Out of the read buffer (which holds a whole recvmmsg batch) into one of its own, so that the read buffer
        // goes back to the pool at once rather than wait for the other thread.
        ByteBuf own = PooledByteBufAllocator.DEFAULT.directBuffer(packet.readableBytes()).writeBytes(packet);
        packet.release();
        handedOver++;
        handOver(new Item(leg, own, sender, control, null));
    }

    /**
     * {@code task} on {@code leg}'s inbound state (closing a stream): run now when nothing of the leg is with its
     * thread, else after what is.
     */
    void task(Leg leg, Runnable task) {
        if (leg.siteItemsHanded == leg.siteItemsDone) {
            task.run();
            return;
        }
        handOver(new Item(leg, null, null, false, task));
        handOverAll();
    }

    private void handOver(Item item) {
        Leg leg = item.leg();
        leg.siteItemsHanded++;
        if (leg.loop.fromSites.add(item)) {
            loopsToHandOver.add(leg.loop);
        }
    }

    /**
     * The end of a read: what was handed over goes to the legs' threads, and the next read starts afresh (all handed
     * over when this one was full).
     */
    void readComplete() {
        handOverAll();
        behind = readThisRound >= RelaySockets.LINK_DATAGRAMS_PER_READ;
        readThisRound = 0;
    }

    private void handOverAll() {
        for (int i = 0; i < loopsToHandOver.size(); i++) {
            LanLoop loop = loopsToHandOver.get(i);
            try {
                loop.fromSites.handOver();
            } catch (RejectedExecutionException stopped) {
                // The relay is closing and that thread is gone: nothing uses its legs' state any more.
                loop.fromSites.drain(SiteInbound::abandon);
            }
        }
        loopsToHandOver.clear();
    }

    private static void abandon(Item item) {
        if (item.packet() != null) {
            item.packet().release();
        } else {
            item.task().run();
        }
    }

    /** On the leg's thread: an item handed over, worked on with that thread's buffers, then counted done. */
    static void onLegThread(Item item, long nowMillis, PacketBuffer scratch, ByteBuf out) {
        Leg leg = item.leg();
        try {
            if (item.task() != null) {
                item.task().run();
            } else {
                leg.fromSite(item.sender(), item.packet(), item.control(), nowMillis, scratch, out.clear());
            }
        } finally {
            if (item.packet() != null) {
                item.packet().release();
            }
            leg.siteItemsDone++;
        }
    }

    long workedHere() {
        return workedHere;
    }

    long handedOver() {
        return handedOver;
    }

    /** After the link side's thread has stopped. */
    void release() {
        out.release();
    }
}
