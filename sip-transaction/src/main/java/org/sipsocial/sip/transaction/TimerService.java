package org.sipsocial.sip.transaction;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The port through which transactions get time: run a task after a delay. The server wires it to a
 * scheduler thread (or Netty's timer); tests to a manual scheduler, so timers fire when a test moves
 * time and never by sleeping. Tasks may run on any thread: transactions hand them to their own
 * serial executor.
 */
@FunctionalInterface
public interface TimerService {

    /** Runs {@code task} once, {@code delay} from now (never zero: the transaction fires zero timers itself). */
    Cancellable schedule(Duration delay, Runnable task);

    /**
     * Now, in nanoseconds on a clock that only goes forward (for measuring how long something has waited, as
     * {@link System#nanoTime()}); a test's manual scheduler answers its own clock.
     */
    default long nanoTime() {
        return System.nanoTime();
    }

    /** A timer service on a JDK scheduled executor. */
    static TimerService of(ScheduledExecutorService executor) {
        return (delay, task) -> {
            var future = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        };
    }
}
