package org.sipsocial.routing.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.sipsocial.routing.auth.AuthFailureThrottle.Admission.Kind;
import org.sipsocial.testkit.ManualClock;

class AuthFailureThrottleTest {
    private final ManualClock clock = ManualClock.at("2026-11-30T12:00:00Z");
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final AuthFailureThrottle throttle = new AuthFailureThrottle(AuthFailurePolicy.DEFAULT, clock, metrics);
    private final InetAddress scanner = InetAddress.getLoopbackAddress();

    @Test
    void a_few_failures_are_allowed_then_answers_are_delayed_more_and_more() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.admit(scanner).kind()).isEqualTo(Kind.ALLOW);
            throttle.failed(scanner, "alice", "wrong credentials");
        }
        assertThat(throttle.admit(scanner)).isEqualTo(new AuthFailureThrottle.Admission(Kind.DELAY, Duration.ofMillis(500)));
        throttle.failed(scanner, "alice", "wrong credentials");
        assertThat(throttle.admit(scanner).delay()).isEqualTo(Duration.ofSeconds(1));
        throttle.failed(scanner, "alice", "wrong credentials");
        assertThat(throttle.admit(scanner).delay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(throttle.admit(InetAddress.getByName("127.0.0.2")).kind()).as("other sources").isEqualTo(Kind.ALLOW);
    }

    @Test
    void ten_failures_block_the_source_for_fifteen_minutes_visibly_in_metrics() {
        for (int i = 0; i < 10; i++) {
            throttle.failed(scanner, "user" + i, "wrong credentials");
        }
        assertThat(throttle.admit(scanner).kind()).isEqualTo(Kind.BLOCKED);
        assertThat(metrics.counter("sipsocial.auth.blocks").count()).isEqualTo(1.0);
        assertThat(metrics.counter("sipsocial.auth.failures").count()).isEqualTo(10.0);
        assertThat(metrics.get("sipsocial.auth.blocked.sources").gauge().value()).isEqualTo(1.0);
        clock.advance(Duration.ofMinutes(14));
        assertThat(throttle.isBlocked(scanner)).isTrue();
        clock.advance(Duration.ofMinutes(2));
        assertThat(throttle.admit(scanner).kind()).isEqualTo(Kind.ALLOW);
        assertThat(metrics.get("sipsocial.auth.blocked.sources").gauge().value()).isZero();
    }

    @Test
    void a_success_forgets_earlier_failures_and_old_failures_expire_with_the_window() {
        for (int i = 0; i < 5; i++) {
            throttle.failed(scanner, "alice", "wrong credentials");
        }
        throttle.succeeded(scanner);
        assertThat(throttle.admit(scanner).kind()).isEqualTo(Kind.ALLOW);
        for (int i = 0; i < 9; i++) {
            throttle.failed(scanner, "alice", "wrong credentials");
        }
        clock.advance(Duration.ofMinutes(6));
        throttle.failed(scanner, "alice", "wrong credentials");
        assertThat(throttle.admit(scanner).kind()).as("the window started again").isEqualTo(Kind.ALLOW);
    }
}
