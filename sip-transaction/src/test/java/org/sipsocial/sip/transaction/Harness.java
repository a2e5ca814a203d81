package org.sipsocial.sip.transaction;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.sipsocial.testkit.ManualScheduler;

/**
 * A transaction layer on a manual scheduler, a recording sender and a recording core: what every
 * test here drives. Timers fire by {@link #advance}, never by sleeping.
 */
final class Harness {
    static final Hop UDP_PEER = Hop.udp(new InetSocketAddress("192.0.2.20", 5060));
    static final Hop TCP_PEER = Hop.tcp(new InetSocketAddress("192.0.2.20", 5060));

    final ManualScheduler scheduler = new ManualScheduler();
    final Instant start = scheduler.clock().instant();
    final RecordingSender sender = new RecordingSender(scheduler.clock());
    final RecordingUser user = new RecordingUser();
    final RecordingListener listener = new RecordingListener();
    /** Every delay a transaction asked the timer service for, in order. */
    final List<Duration> scheduledDelays = new ArrayList<>();
    final TransactionLayer layer;

    Harness() {
        this(TimerSettings.DEFAULTS);
    }

    Harness(TimerSettings settings) {
        TimerService timers = new TimerService() {
            @Override
            public Cancellable schedule(Duration delay, Runnable task) {
                scheduledDelays.add(delay);
                ManualScheduler.Handle handle = scheduler.schedule(delay, task);
                return handle::cancel;
            }

            @Override
            public long nanoTime() {
                return Duration.between(start, scheduler.clock().instant()).toNanos();
            }
        };
        layer = new TransactionLayer(sender, timers, settings, user);
    }

    void advance(Duration d) {
        scheduler.advance(d);
    }

    void advanceMillis(long ms) {
        scheduler.advance(Duration.ofMillis(ms));
    }

    void advanceSeconds(long s) {
        scheduler.advance(Duration.ofSeconds(s));
    }

    /** Milliseconds since the harness was made. */
    long now() {
        return Duration.between(start, scheduler.clock().instant()).toMillis();
    }
}
