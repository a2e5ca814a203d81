package org.sipsocial.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Rfc4475VectorsTest {
    @Test
    void all_49_messages_load_byte_for_byte_with_their_expectations() {
        assertThat(Rfc4475Vectors.all()).hasSize(49).allMatch(v -> v.bytes().length > 0 && !v.expectation().isEmpty());
        assertThat(Rfc4475Vectors.named("wsinv").section()).isEqualTo("3.1.1.1");
        assertThat(new String(Rfc4475Vectors.named("dblreq.dat").bytes())).contains("\r\n");
        assertThat(Rfc4475Vectors.named("unreason").isResponse()).isTrue();
    }
}
