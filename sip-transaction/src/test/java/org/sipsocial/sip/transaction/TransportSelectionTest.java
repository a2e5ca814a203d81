package org.sipsocial.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** RFC 3261 §18.1.1: large requests leave UDP for a congestion-controlled transport. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TransportSelectionTest {
    private static final OptionalInt UNKNOWN = OptionalInt.empty();

    @Test
    void with_an_unknown_path_MTU_a_request_of_1300_bytes_stays_on_UDP_and_one_of_1301_goes_over_TCP() {
        assertThat(TransportSelection.choose("UDP", 1300, UNKNOWN)).isEqualTo("UDP");
        assertThat(TransportSelection.choose("UDP", 1301, UNKNOWN)).isEqualTo("TCP");
    }

    @Test
    void with_a_known_path_MTU_a_request_within_200_bytes_of_it_goes_over_TCP() {
        OptionalInt mtu = OptionalInt.of(9000);
        assertThat(TransportSelection.choose("udp", 8799, mtu)).isEqualTo("UDP");
        assertThat(TransportSelection.choose("udp", 8800, mtu)).isEqualTo("TCP");
        assertThat(TransportSelection.choose("UDP", 1400, OptionalInt.of(1500))).isEqualTo("TCP");
        assertThat(TransportSelection.choose("UDP", 1299, OptionalInt.of(1500))).isEqualTo("UDP");
    }

    @Test
    void reliable_transports_are_kept_whatever_the_size() {
        assertThat(TransportSelection.choose("TLS", 60_000, UNKNOWN)).isEqualTo("TLS");
        assertThat(TransportSelection.choose("tcp", 10, UNKNOWN)).isEqualTo("TCP");
    }

    @Test
    void the_limits_are_the_RFCs() {
        assertThat(TransportSelection.UNKNOWN_PATH_MTU_LIMIT).isEqualTo(1300);
        assertThat(TransportSelection.PATH_MTU_MARGIN).isEqualTo(200);
        assertThat(TransportSelection.needsCongestionControl(0, UNKNOWN)).isFalse();
        assertThatThrownBy(() -> TransportSelection.needsCongestionControl(-1, UNKNOWN))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
