package org.sipsocial.server.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.sipsocial.sip.transaction.Cancellable;

class WheelTimersTest {

    @Test
    void a_timer_fires_once_on_the_sip_timers_thread_and_not_before_its_delay() throws Exception {
        try (WheelTimers timers = new WheelTimers()) {
            CountDownLatch fired = new CountDownLatch(1);
            AtomicReference<String> thread = new AtomicReference<>();
            AtomicLong firedAt = new AtomicLong();
            long start = System.nanoTime();

            timers.schedule(Duration.ofMillis(100), () -> {
                thread.set(Thread.currentThread().getName());
                firedAt.set(System.nanoTime());
                fired.countDown();
            });

            assertThat(fired.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(Duration.ofNanos(firedAt.get() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
            assertThat(thread.get()).startsWith("sip-timers");
        }
    }

    @Test
    void a_cancelled_timer_never_fires_and_the_others_still_do() throws Exception {
        try (WheelTimers timers = new WheelTimers()) {
            AtomicInteger cancelledRuns = new AtomicInteger();
            CountDownLatch later = new CountDownLatch(1);
            Cancellable cancelled = timers.schedule(Duration.ofMillis(50), cancelledRuns::incrementAndGet);
            timers.schedule(Duration.ofMillis(200), later::countDown);

            cancelled.cancel();

            assertThat(later.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(cancelledRuns).hasValue(0);
        }
    }

    @Test
    void a_timer_that_throws_does_not_stop_the_ones_after_it() throws Exception {
        try (WheelTimers timers = new WheelTimers()) {
            CountDownLatch after = new CountDownLatch(1);
            timers.schedule(Duration.ofMillis(20), () -> {
                throw new IllegalStateException("a failing timer task (expected in this test)");
            });
            timers.schedule(Duration.ofMillis(100), after::countDown);

            assertThat(after.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void closing_drops_the_pending_timers_at_once() {
        AtomicInteger runs = new AtomicInteger();
        WheelTimers timers = new WheelTimers();
        timers.schedule(Duration.ofMillis(300), runs::incrementAndGet);
        long start = System.nanoTime();

        timers.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(runs).hasValue(0));
    }
}
