package org.sipsocial.media;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * The threads a relay's legs live on. The first {@link #LEGS_ON_LINK_THREAD} legs open live on the link side's thread
 * itself, both ways: while a site has few calls, one thread wakes for a phone's packet and the other site's packet
 * of a call that arrive together (one {@code epoll_wait} for both, as in rtpengine), where two threads would each wake
 * for one (measured with bench/media, bench/README.md). Legs opened beyond that go to the LAN threads in turn, so
 * that a busy site spreads its calls over the cores. Placing and leaving happen under the relay's lock.
 */
final class LegThreads {
    /**
     * Legs that live on the link side's thread while they are open: 128 calls are 12,800 packets a second both ways,
     * under half of a core here (bench/media), which leaves that thread the time to read the link-side socket for
     * the calls beyond them.
     */
    static final int LEGS_ON_LINK_THREAD = 128;
    /** LAN threads: one per core up to four (each leg beyond {@link #LEGS_ON_LINK_THREAD} is on one of them). */
    static final int LAN_THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    /** The legs' threads. */
    private final EventLoopGroup lanGroup;
    /** Per LAN thread: its legs' packets from the link side, and its packets for the link side. */
    private final LanLoop[] lanLoops;
    private int nextLanLoop;
    /** The link side's own thread, for the legs that live on it. */
    private final LanLoop linkSideLoop;
    /** Legs that live on the link side's thread at most ({@link #LEGS_ON_LINK_THREAD} but in tests). */
    private final int legsOnLinkThread;
    /** Open legs living on the link side's thread. */
    private int openOnLinkThread;

    LegThreads(RelaySockets sockets, EventLoop linkLoop, int legsOnLinkThread, Clock clock) {
        this.legsOnLinkThread = legsOnLinkThread;
        this.lanGroup = sockets.threads(LAN_THREADS, "media-relay");
        this.linkSideLoop = new LanLoop(linkLoop, true, clock);
        this.lanLoops = new LanLoop[LAN_THREADS];
        int i = 0;
        for (EventExecutor loop : lanGroup) {
            lanLoops[i++] = new LanLoop((EventLoop) loop, false, clock);
        }
    }

    /** The thread a leg that opens now lives on. */
    LanLoop place() {
        if (openOnLinkThread < legsOnLinkThread) {
            openOnLinkThread++;
            return linkSideLoop;
        }
        return lanLoops[nextLanLoop++ % lanLoops.length];
    }

    /** A leg that lived on {@code loop} closed. */
    void left(LanLoop loop) {
        if (loop == linkSideLoop) {
            openOnLinkThread--;
        }
    }

    /** Stops the LAN threads, and once they have stopped, lets their buffers go. */
    void stopLanThreads() {
        lanGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        if (lanGroup.isTerminated()) {
            for (LanLoop loop : lanLoops) {
                loop.out.release();
            }
        }
    }

    /** The link side's thread has stopped: its buffer goes. */
    void linkSideStopped() {
        linkSideLoop.out.release();
    }
}
