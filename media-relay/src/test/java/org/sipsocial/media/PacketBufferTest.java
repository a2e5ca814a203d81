package org.sipsocial.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link PacketBuffer#over}: the benchmark's packets are transformed in place while their array has room. */
class PacketBufferTest {
    @Test
    void a_buffer_over_a_packet_appends_in_place_while_the_array_has_room_and_moves_only_when_it_has_not() {
        byte[] packet = {0, 1, 2, 3, 4, 5, 6, 7};
        PacketBuffer buffer = PacketBuffer.empty().over(packet, 2, 3);

        assertThat(buffer.getBuffer()).isSameAs(packet);
        assertThat(buffer.getOffset()).isEqualTo(2);
        buffer.append(new byte[] {9, 9}, 2);
        assertThat(buffer.getBuffer()).as("room after the packet: in place").isSameAs(packet);
        assertThat(packet).containsExactly(0, 1, 2, 3, 4, 9, 9, 7);
        assertThat(buffer.getLength()).isEqualTo(5);

        buffer.append(new byte[] {8, 8}, 2);
        assertThat(buffer.getBuffer()).as("no room: a new array").isNotSameAs(packet);
        assertThat(buffer.toArray()).containsExactly(2, 3, 4, 9, 9, 8, 8);
    }
}
