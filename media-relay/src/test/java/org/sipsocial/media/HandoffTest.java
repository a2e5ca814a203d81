package org.sipsocial.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.util.concurrent.DefaultEventExecutor;
import org.junit.jupiter.api.Test;

/** Items handed from one thread to another loop arrive all, on that loop, in the order they were added. */
class HandoffTest {
    @Test
    void items_handed_over_in_batches_arrive_all_on_the_target_loop_in_order() throws Exception {
        DefaultEventExecutor target = new DefaultEventExecutor();
        try {
            List<Integer> seen = new ArrayList<>();
            List<Integer> batchStarts = new ArrayList<>();
            AtomicInteger wrongThread = new AtomicInteger();
            Handoff<Integer> handoff = new Handoff<>(target, item -> {
                if (!target.inEventLoop()) {
                    wrongThread.incrementAndGet();
                }
                seen.add(item);
            });
            int item = 0;
            for (int batch = 1; batch <= 100; batch++) {
                for (int i = 0; i < batch % 7; i++) {
                    assertThat(handoff.add(item++)).as("first of its batch").isEqualTo(i == 0);
                }
                if (batch % 7 != 0) {
                    batchStarts.add(item);
                }
                handoff.handOver();
            }
            int total = item;
            target.submit(() -> { }).get(5, TimeUnit.SECONDS);
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                expected.add(i);
            }
            assertThat(target.submit(() -> new ArrayList<>(seen)).get(5, TimeUnit.SECONDS)).isEqualTo(expected);
            assertThat(wrongThread).hasValue(0);
            assertThat(batchStarts).hasSize(86);
        } finally {
            target.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void items_a_stopped_loop_refuses_stay_pending_and_are_drained_in_order_on_the_calling_thread() throws Exception {
        DefaultEventExecutor target = new DefaultEventExecutor();
        target.shutdownGracefully(0, 0, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        Handoff<Integer> handoff = new Handoff<>(target, item -> { });
        handoff.add(1);
        handoff.add(2);
        org.assertj.core.api.Assertions.assertThatThrownBy(handoff::handOver)
                .isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
        List<Integer> drained = new ArrayList<>();
        handoff.drain(drained::add);
        assertThat(drained).containsExactly(1, 2);
        assertThat(handoff.add(3)).as("first of a new batch").isTrue();
    }
}
