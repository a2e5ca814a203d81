package org.sipsocial.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * A scheduler whose tasks run only when a test moves time: {@link #advance} walks a {@link ManualClock}
 * forward, running each task that falls due at its own due instant (the clock reads that instant while
 * the task runs), in due order and, for equal instants, in the order they were scheduled. Tasks
 * scheduled by a running task run in the same {@code advance} when they fall due within it.
 *
 * <p>Tasks run on the thread that calls {@link #advance} or {@link #runDue}, never while the
 * scheduler's lock is held, so a task may schedule or cancel others. Time is never slept for.
 */
public final class ManualScheduler {
    private final ManualClock clock;
    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private long sequence;

    /** A scheduler driving {@code clock}; tests that read time elsewhere share the same clock. */
    public ManualScheduler(ManualClock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A scheduler with its own clock, starting at 2026-01-01T00:00:00Z. */
    public ManualScheduler() {
        this(ManualClock.at("2026-01-01T00:00:00Z"));
    }

    /** The clock this scheduler moves. */
    public ManualClock clock() {
        return clock;
    }

    /** A scheduled task; cancelling it before it runs means it never runs. */
    public interface Handle {
        /** Cancels the task; returns false when it already ran or was cancelled. */
        boolean cancel();

        boolean isCancelled();

        /** The instant the task falls due. */
        Instant due();
    }

    /**
     * Schedules {@code task} to run {@code delay} after the clock's current instant. A zero delay
     * runs it at the next {@link #advance} or {@link #runDue}, not now.
     */
    public synchronized Handle schedule(Duration delay, Runnable task) {
        if (delay.isNegative()) throw new IllegalArgumentException("negative delay: " + delay);
        Entry e = new Entry(clock.instant().plus(delay), sequence++, Objects.requireNonNull(task, "task"));
        queue.add(e);
        return e;
    }

    /** Moves the clock forward by {@code duration}, running every task that falls due on the way. */
    public void advance(Duration duration) {
        if (duration.isNegative()) throw new IllegalArgumentException("negative duration: " + duration);
        Instant target = clock.instant().plus(duration);
        while (true) {
            Entry next = pollDue(target);
            if (next == null) break;
            if (next.due.isAfter(clock.instant())) clock.set(next.due);
            next.task.run();
        }
        clock.set(target);
    }

    /** Runs the tasks already due at the current instant (e.g. those scheduled with zero delay). */
    public int runDue() {
        int ran = 0;
        Entry next;
        while ((next = pollDue(clock.instant())) != null) {
            next.task.run();
            ran++;
        }
        return ran;
    }

    /** Number of tasks scheduled and neither run nor cancelled. */
    public synchronized int pending() {
        return (int) queue.stream().filter(e -> !e.cancelled).count();
    }

    /** The delays from now of the pending tasks, earliest first. */
    public synchronized List<Duration> pendingDelays() {
        List<Entry> sorted = new ArrayList<>(queue);
        sorted.sort(null);
        List<Duration> out = new ArrayList<>();
        for (Entry e : sorted) {
            if (!e.cancelled) out.add(Duration.between(clock.instant(), e.due));
        }
        return out;
    }

    /** The delay from now until the earliest pending task, if any. */
    public synchronized Optional<Duration> nextDelay() {
        List<Duration> delays = pendingDelays();
        return delays.isEmpty() ? Optional.empty() : Optional.of(delays.get(0));
    }

    private synchronized Entry pollDue(Instant limit) {
        while (!queue.isEmpty()) {
            Entry head = queue.peek();
            if (head.cancelled) {
                queue.poll();
                continue;
            }
            if (head.due.isAfter(limit)) return null;
            queue.poll();
            head.ran = true;
            return head;
        }
        return null;
    }

    private final class Entry implements Handle, Comparable<Entry> {
        private final Instant due;
        private final long order;
        private final Runnable task;
        private boolean cancelled;
        private boolean ran;

        private Entry(Instant due, long order, Runnable task) {
            this.due = due;
            this.order = order;
            this.task = task;
        }

        @Override
        public boolean cancel() {
            synchronized (ManualScheduler.this) {
                if (cancelled || ran) return false;
                cancelled = true;
                return true;
            }
        }

        @Override
        public boolean isCancelled() {
            synchronized (ManualScheduler.this) {
                return cancelled;
            }
        }

        @Override
        public Instant due() {
            return due;
        }

        @Override
        public int compareTo(Entry o) {
            int c = due.compareTo(o.due);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }
}
