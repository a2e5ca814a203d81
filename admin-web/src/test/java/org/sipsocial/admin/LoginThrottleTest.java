package org.sipsocial.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.sipsocial.admin.console.LoginThrottle;
import org.sipsocial.testkit.ManualClock;

/** Failed logins are counted per IPv4 address and per IPv6 /64, and the waits double up to a minute. */
class LoginThrottleTest {
    @Test
    void an_ipv4_address_is_its_own_source_and_an_ipv6_address_counts_for_its_slash_64() throws Exception {
        assertThat(LoginThrottle.source(InetAddress.getByName("192.0.2.7"))).isEqualTo("192.0.2.7");
        assertThat(LoginThrottle.source(InetAddress.getByName("2001:db8:1:2:aaaa::1")))
                .isEqualTo(LoginThrottle.source(InetAddress.getByName("2001:db8:1:2:bbbb::9")))
                .isEqualTo("2001:db8:1:2:0:0:0:0/64");
    }

    @Test
    void after_two_free_failures_the_wait_doubles_from_one_second_up_to_a_minute() {
        ManualClock clock = new ManualClock(Instant.parse("2026-12-06T18:00:00Z"));
        LoginThrottle throttle = new LoginThrottle(clock);
        throttle.failed("192.0.2.7");
        throttle.failed("192.0.2.7");
        assertThat(throttle.refusal("192.0.2.7")).isEmpty();
        long[] waits = {1, 2, 4, 8, 16, 32, 60};
        for (long wait : waits) {
            throttle.failed("192.0.2.7");
            assertThat(throttle.refusal("192.0.2.7")).as("after a wait of %d s", wait)
                    .hasValueSatisfying(line -> assertThat(line).contains("wait " + wait + " second"));
            assertThat(throttle.refusal("198.51.100.1")).isEmpty();
            clock.advance(Duration.ofSeconds(wait));
            assertThat(throttle.refusal("192.0.2.7")).isEmpty();
        }
        throttle.failed("192.0.2.7");
        assertThat(throttle.refusal("192.0.2.7")).hasValueSatisfying(line -> assertThat(line).contains("blocked"));
    }
}
