package org.sipsocial.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** RFC 3261 Table 4 and RFC 6026 §8.11, from T1, T2, T4. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TimerSettingsTest {
    private final TimerSettings rfc = TimerSettings.DEFAULTS;

    @Test
    void the_defaults_are_the_RFC_values_T1_500_ms_T2_4_s_T4_5_s() {
        assertThat(rfc.t1()).isEqualTo(Duration.ofMillis(500)).isEqualTo(Rfc3261Timers.T1);
        assertThat(rfc.t2()).isEqualTo(Duration.ofSeconds(4)).isEqualTo(Rfc3261Timers.T2);
        assertThat(rfc.t4()).isEqualTo(Duration.ofSeconds(5)).isEqualTo(Rfc3261Timers.T4);
    }

    @Test
    void over_UDP_every_timer_starts_at_its_Table_4_value() {
        Duration t1 = Duration.ofMillis(500);
        Duration sixtyFour = Duration.ofSeconds(32);
        for (TimerName retransmit : new TimerName[] {TimerName.A, TimerName.E, TimerName.G}) {
            assertThat(rfc.initial(retransmit, false)).as("%s", retransmit).isEqualTo(t1);
        }
        for (TimerName timeout : new TimerName[] {TimerName.B, TimerName.F, TimerName.H, TimerName.J, TimerName.L,
            TimerName.M}) {
            assertThat(rfc.initial(timeout, false)).as("%s", timeout).isEqualTo(sixtyFour);
        }
        assertThat(rfc.initial(TimerName.D, false)).isEqualTo(Duration.ofSeconds(32));
        assertThat(rfc.initial(TimerName.I, false)).isEqualTo(Duration.ofSeconds(5));
        assertThat(rfc.initial(TimerName.K, false)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void over_reliable_transports_D_I_J_and_K_are_zero_and_the_others_unchanged() {
        for (TimerName zero : new TimerName[] {TimerName.D, TimerName.I, TimerName.J, TimerName.K}) {
            assertThat(rfc.initial(zero, true)).as("%s", zero).isZero();
        }
        assertThat(rfc.initial(TimerName.B, true)).isEqualTo(Duration.ofSeconds(32));
        assertThat(rfc.initial(TimerName.H, true)).isEqualTo(Duration.ofSeconds(32));
        assertThat(rfc.initial(TimerName.L, true)).isEqualTo(Duration.ofSeconds(32));
        assertThat(rfc.initial(TimerName.M, true)).isEqualTo(Duration.ofSeconds(32));
    }

    @Test
    void only_A_E_and_G_are_retransmission_timers() {
        assertThat(java.util.Arrays.stream(TimerName.values()).filter(TimerName::retransmits))
                .containsExactly(TimerName.A, TimerName.E, TimerName.G);
    }

    @Test
    void doubling_stops_at_T2() {
        assertThat(rfc.doubledUpToT2(Duration.ofMillis(500))).isEqualTo(Duration.ofSeconds(1));
        assertThat(rfc.doubledUpToT2(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(4));
        assertThat(rfc.doubledUpToT2(Duration.ofSeconds(4))).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void a_raised_T1_stretches_the_timeouts_and_Timer_D_with_them() {
        TimerSettings slow = new TimerSettings(Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofSeconds(5));
        assertThat(slow.initial(TimerName.B, false)).isEqualTo(Duration.ofSeconds(64));
        assertThat(slow.initial(TimerName.D, false)).isEqualTo(Duration.ofSeconds(64));
    }

    @Test
    void values_out_of_bounds_are_refused_with_the_bad_value_quoted() {
        assertThatThrownBy(() -> new TimerSettings(Duration.ofMillis(1), Duration.ofSeconds(4), Duration.ofSeconds(5)))
                .hasMessageContaining("T1").hasMessageContaining("PT0.001S");
        assertThatThrownBy(() -> new TimerSettings(Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofSeconds(5)))
                .hasMessageContaining("T2");
        assertThatThrownBy(() -> new TimerSettings(Duration.ofMillis(500), Duration.ofSeconds(4), Duration.ofHours(1)))
                .hasMessageContaining("T4");
    }
}
