package org.sipsocial.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** One transaction, one event at a time. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SerialExecutorTest {
    private final SerialExecutor executor = new SerialExecutor();

    @Test
    void a_task_handed_in_by_a_running_task_runs_after_it_not_inside_it() {
        List<String> order = new ArrayList<>();
        executor.execute(() -> {
            order.add("outer start");
            executor.execute(() -> order.add("inner"));
            order.add("outer end");
        });
        assertThat(order).containsExactly("outer start", "outer end", "inner");
    }

    @Test
    void an_exception_does_not_stop_the_queue_and_reaches_the_caller() {
        List<String> order = new ArrayList<>();
        assertThatThrownBy(() -> executor.execute(() -> {
            executor.execute(() -> order.add("after the failure"));
            throw new IllegalStateException("core failed");
        })).hasMessage("core failed");
        assertThat(order).containsExactly("after the failure");
        executor.execute(() -> order.add("still usable"));
        assertThat(order).hasSize(2);
    }

    @Test
    void a_held_executor_queues_tasks_until_released_and_runs_the_released_task_first() {
        SerialExecutor held = new SerialExecutor(true);
        List<String> order = new ArrayList<>();
        held.execute(() -> order.add("retransmission"));
        assertThat(order).isEmpty();
        held.release(() -> order.add("entry"));
        assertThat(order).containsExactly("entry", "retransmission");
        held.execute(() -> order.add("later"));
        assertThat(order).hasSize(3);
        assertThatThrownBy(() -> held.release(() -> { })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void tasks_from_many_threads_never_overlap() throws InterruptedException {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        int threads = 4;
        int perThread = 2_000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    executor.execute(() -> {
                        if (inside.incrementAndGet() != 1) overlaps.incrementAndGet();
                        done.incrementAndGet();
                        inside.decrementAndGet();
                    });
                }
            });
            all.add(thread);
            thread.start();
        }
        go.countDown();
        for (Thread thread : all) thread.join();
        assertThat(overlaps).hasValue(0);
        assertThat(done).hasValue(threads * perThread);
    }
}
