package org.sipsocial.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.sipsocial.testkit.ManualScheduler;

/** The testkit's ManualScheduler, which every timer test here relies on. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ManualSchedulerTest {
    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<String> ran = new ArrayList<>();

    @Test
    void tasks_run_in_due_order_when_time_is_moved_and_see_the_clock_at_their_due_time() {
        scheduler.schedule(Duration.ofSeconds(2), () -> ran.add("b@" + scheduler.clock().millis() % 100_000));
        scheduler.schedule(Duration.ofSeconds(1), () -> ran.add("a@" + scheduler.clock().millis() % 100_000));
        scheduler.advance(Duration.ofMillis(999));
        assertThat(ran).isEmpty();
        scheduler.advance(Duration.ofSeconds(5));
        assertThat(ran).containsExactly("a@1000", "b@2000");
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void tasks_scheduled_by_tasks_run_in_the_same_advance_when_due() {
        scheduler.schedule(Duration.ofSeconds(1), () -> {
            ran.add("first");
            scheduler.schedule(Duration.ofSeconds(1), () -> ran.add("second"));
        });
        scheduler.advance(Duration.ofSeconds(2));
        assertThat(ran).containsExactly("first", "second");
    }

    @Test
    void a_cancelled_task_never_runs() {
        ManualScheduler.Handle h = scheduler.schedule(Duration.ofSeconds(1), () -> ran.add("x"));
        assertThat(h.cancel()).isTrue();
        assertThat(h.cancel()).isFalse();
        scheduler.advance(Duration.ofSeconds(2));
        assertThat(ran).isEmpty();
        assertThat(h.isCancelled()).isTrue();
    }

    @Test
    void equal_due_times_run_in_scheduling_order_and_runDue_runs_zero_delays() {
        scheduler.schedule(Duration.ZERO, () -> ran.add("1"));
        scheduler.schedule(Duration.ZERO, () -> ran.add("2"));
        assertThat(scheduler.pendingDelays()).containsExactly(Duration.ZERO, Duration.ZERO);
        assertThat(scheduler.runDue()).isEqualTo(2);
        assertThat(ran).containsExactly("1", "2");
        assertThat(scheduler.nextDelay()).isEmpty();
    }
}
