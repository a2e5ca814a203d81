package org.sipsocial.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sipsocial.testkit.ManualClock;
import org.slf4j.LoggerFactory;

class SourceLimiterTest {
    private static final SourceLimiter.Limits TEN_A_SECOND = new SourceLimiter.Limits(10, 20, 100, 400,
            Duration.ofSeconds(60), 1000);

    private final ManualClock clock = ManualClock.at("2026-12-06T18:00:00Z");
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final Set<InetAddress> registered = new java.util.HashSet<>();
    private final Logger log = (Logger) LoggerFactory.getLogger(SourceLimiter.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void listen() {
        logged.start();
        log.addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        log.detachAppender(logged);
    }

    private SourceLimiter limiter(SourceLimiter.Limits limits) {
        return new SourceLimiter(limits, clock, registered::contains, metrics);
    }

    private static InetSocketAddress from(String address) {
        return new InetSocketAddress(address, 5060);
    }

    private static int admitted(SourceLimiter limiter, InetSocketAddress source, int messages) {
        int n = 0;
        for (int i = 0; i < messages; i++) {
            if (limiter.admits(source)) n++;
        }
        return n;
    }

    @Test
    void a_source_within_its_rate_is_never_limited() {
        SourceLimiter limiter = limiter(TEN_A_SECOND);
        for (int second = 0; second < 120; second++) {
            assertThat(admitted(limiter, from("192.0.2.1"), 10)).isEqualTo(10);
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(limiter.blocked()).isEmpty();
    }

    @Test
    void a_burst_up_to_the_bucket_passes_and_the_next_message_blocks_the_source() {
        SourceLimiter limiter = limiter(TEN_A_SECOND);

        assertThat(admitted(limiter, from("192.0.2.1"), 20)).isEqualTo(20);
        assertThat(limiter.admits(from("192.0.2.1"))).isFalse();

        assertThat(limiter.blocked()).extracting(SourceLimiter.Blocked::source).containsExactly("192.0.2.1");
        assertThat(metrics.counter("sipsocial.flood.blocks").count()).isEqualTo(1.0);
    }

    @Test
    void a_blocked_source_is_dropped_for_the_whole_block_even_when_it_slows_down_then_is_taken_again() {
        SourceLimiter limiter = limiter(TEN_A_SECOND);
        admitted(limiter, from("192.0.2.1"), 21);

        clock.advance(Duration.ofSeconds(59));
        assertThat(limiter.admits(from("192.0.2.1"))).isFalse();
        clock.advance(Duration.ofSeconds(2));
        assertThat(limiter.admits(from("192.0.2.1"))).isTrue();
        assertThat(metrics.counter("sipsocial.flood.dropped").count()).isEqualTo(2.0);
    }

    @Test
    void a_flood_is_logged_once_and_counted_for_every_dropped_message() {
        SourceLimiter limiter = limiter(TEN_A_SECOND);

        admitted(limiter, from("192.0.2.1"), 10_000);

        assertThat(logged.list).hasSize(1);
        assertThat(logged.list.get(0).getFormattedMessage()).startsWith("blocking 192.0.2.1 for PT1M: more than 10 messages a second");
        assertThat(metrics.counter("sipsocial.flood.dropped").count()).isEqualTo(10_000 - 20);
    }

    @Test
    void other_sources_are_not_touched_by_one_source_being_blocked() {
        SourceLimiter limiter = limiter(TEN_A_SECOND);
        admitted(limiter, from("192.0.2.1"), 1000);

        assertThat(admitted(limiter, from("192.0.2.2"), 20)).isEqualTo(20);
    }

    @Test
    void a_registered_address_has_the_higher_trusted_limit() {
        registered.add(from("192.0.2.7").getAddress());
        SourceLimiter limiter = limiter(TEN_A_SECOND);

        assertThat(admitted(limiter, from("192.0.2.7"), 400)).isEqualTo(400);
        assertThat(limiter.admits(from("192.0.2.7"))).isFalse();
    }

    @Test
    void ipv6_sources_are_counted_per_64_prefix() {
        SourceLimiter limiter = limiter(TEN_A_SECOND);

        assertThat(admitted(limiter, from("2001:db8:1:2::1"), 10)).isEqualTo(10);
        assertThat(admitted(limiter, from("2001:db8:1:2:ffff::9"), 20)).isEqualTo(10);
        assertThat(admitted(limiter, from("2001:db8:1:3::1"), 10)).isEqualTo(10);
        assertThat(limiter.blocked()).extracting(SourceLimiter.Blocked::source).containsExactly("2001:db8:1:2:0:0:0:0/64");
    }

    @Test
    void the_table_of_sources_is_bounded_and_evictions_are_counted() {
        SourceLimiter limiter = limiter(new SourceLimiter.Limits(10, 20, 100, 400, Duration.ofSeconds(60), 100));

        for (int i = 0; i < 1000; i++) {
            limiter.admits(from("10.0." + (i / 250) + "." + (i % 250)));
        }

        assertThat(limiter.trackedSources()).isEqualTo(100);
        assertThat(metrics.get("sipsocial.flood.sources").gauge().value()).isEqualTo(100.0);
        assertThat(metrics.counter("sipsocial.flood.sources.evicted").count()).isEqualTo(900.0);
    }

    @Test
    void the_defaults_let_fifty_phones_behind_one_nat_register_at_once_and_five_subscribe_fifty_keys_a_second_later() {
        SourceLimiter limiter = limiter(SourceLimiter.Limits.DEFAULTS);

        assertThat(admitted(limiter, from("192.0.2.1"), 2 * 50)).isEqualTo(100);
        registered.add(from("192.0.2.1").getAddress());
        clock.advance(Duration.ofSeconds(1));

        assertThat(admitted(limiter, from("192.0.2.1"), 5 * (2 * 50 + 50))).as("five phones' SUBSCRIBEs and NOTIFY answers")
                .isEqualTo(750);
        assertThat(limiter.blocked()).isEmpty();
    }

    @Test
    void limits_out_of_bounds_are_refused() {
        assertThatThrownBy(() -> new SourceLimiter.Limits(0, 20, 100, 400, Duration.ofSeconds(60), 100))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SourceLimiter.Limits(10, 20, 5, 400, Duration.ofSeconds(60), 100))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
