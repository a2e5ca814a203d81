package org.sipsocial.sip.transaction;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the tasks given to it one at a time and in order, on the thread of whoever hands one in while
 * it is idle: each transaction owns one, so its state machine is never entered by two threads at
 * once (the transport calls in from Netty event loops, the timers from the scheduler thread, the
 * core from anywhere), and no lock is held while the core is called back. A task handed in by a
 * running task (the core answering inside {@code onRequest}, a zero timer) runs right after it.
 *
 * <p>An executor may start <em>held</em>: tasks queue up but do not run until {@link #release}
 * runs a first task ahead of them. A transaction is held from the moment it is published in the
 * transaction table until it has entered its initial state, so a retransmission arriving on another
 * thread in between waits for it.
 *
 * <p>An exception from a task does not stop the others: the queue is drained, then the first
 * exception is rethrown to the thread that drained it.
 */
final class SerialExecutor {
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running;

    SerialExecutor() {
        this(false);
    }

    SerialExecutor(boolean held) {
        this.running = new AtomicBoolean(held);
    }

    void execute(Runnable task) {
        tasks.add(task);
        drain(null, false);
    }

    /** Runs {@code first}, then everything queued while held, and stops holding. Only for a held executor. */
    void release(Runnable first) {
        if (!running.get()) throw new IllegalStateException("not held");
        drain(first, true);
    }

    private void drain(Runnable first, boolean holding) {
        RuntimeException failure = null;
        boolean mine = holding;
        while (mine || (!tasks.isEmpty() && running.compareAndSet(false, true))) {
            mine = false;
            try {
                if (first != null) {
                    failure = run(first, failure);
                    first = null;
                }
                Runnable next;
                while ((next = tasks.poll()) != null) failure = run(next, failure);
            } finally {
                running.set(false);
            }
        }
        if (failure != null) throw failure;
    }

    private static RuntimeException run(Runnable task, RuntimeException failure) {
        try {
            task.run();
            return failure;
        } catch (RuntimeException e) {
            if (failure == null) return e;
            failure.addSuppressed(e);
            return failure;
        }
    }
}
