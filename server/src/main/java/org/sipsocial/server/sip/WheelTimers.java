package org.sipsocial.server.sip;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.util.HashedWheelTimer;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.sipsocial.sip.transaction.Cancellable;
import org.sipsocial.sip.transaction.TimerService;

/**
 * The site's SIP timers (RFC 3261 §17's A to M, the proxy's Timer C, the registrar's) on Netty's hashed timing wheel,
 * on one thread, {@code sip-timers} (issue 14). Starting a timer costs O(1) and takes no lock shared with the
 * other network threads, and cancelling one, which is what becomes of most transaction timers, costs O(1) too. A
 * timer fires within one {@link #TICK} of its time, far below T1 (500 ms).
 *
 * <p>Stopping drops the timers still pending: the transport is closed by then, so they could send nothing, and a
 * stopping site must not wait on them (issue 16: stop within 2 s).
 */
final class WheelTimers implements TimerService, AutoCloseable {
    static final Duration TICK = Duration.ofMillis(10);
    /** Slots in the wheel: one turn is 5.12 s, so Timer J (32 s) goes round about six times. */
    private static final int SLOTS = 512;

    private final HashedWheelTimer wheel = new HashedWheelTimer(new DefaultThreadFactory("sip-timers", true),
            TICK.toMillis(), TimeUnit.MILLISECONDS, SLOTS);

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        return wheel.newTimeout(timeout -> task.run(), delay.toNanos(), TimeUnit.NANOSECONDS)::cancel;
    }

    @Override
    public void close() {
        wheel.stop();
    }
}
