package org.sipsocial.media;

import java.util.ArrayList;
import java.util.function.Consumer;

import io.netty.util.concurrent.EventExecutor;

/**
 * Work for one event loop gathered on another thread and handed over in batches, in the order it was added: one
 * task per batch instead of one per packet. Packets of one call always go through the same handoff to the same
 * loop, so they stay in order. {@link #add} and {@link #handOver} are called on one producing thread only.
 */
final class Handoff<T> {
    private final EventExecutor target;
    private final Consumer<? super T> work;
    private ArrayList<T> pending = new ArrayList<>();

    /**
     * @param target the loop that does the work
     * @param work   what it does with each item, on {@code target}
     */
    Handoff(EventExecutor target, Consumer<? super T> work) {
        this.target = target;
        this.work = work;
    }

    EventExecutor target() {
        return target;
    }

    /** Adds an item; returns true when it is the first of a new batch. */
    boolean add(T item) {
        pending.add(item);
        return pending.size() == 1;
    }

    /**
     * Hands what was added since the last call to the target loop, as one task.
     *
     * @throws java.util.concurrent.RejectedExecutionException when the target loop has stopped (the items stay
     *                                                         pending, for {@link #drain})
     */
    void handOver() {
        if (pending.isEmpty()) {
            return;
        }
        ArrayList<T> batch = pending;
        target.execute(() -> {
            for (int i = 0; i < batch.size(); i++) {
                work.accept(batch.get(i));
            }
        });
        pending = new ArrayList<>(batch.size());
    }

    /**
     * Gives what is still pending to {@code instead}, on the calling thread: for when the target loop has stopped
     * ({@link #handOver} threw and kept the batch).
     */
    void drain(Consumer<? super T> instead) {
        for (int i = 0; i < pending.size(); i++) {
            instead.accept(pending.get(i));
        }
        pending.clear();
    }
}
