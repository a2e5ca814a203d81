package org.sipsocial.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    /** Without the once-per-JVM rule this fails almost always: the kernel repeated 4 of 300 probes here. */
    @Test
    void no_port_is_handed_out_twice_in_one_jvm_even_when_the_kernel_offers_it_again() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertThat(ports.add(FreePorts.tcpAndUdp())).as("port handed out twice").isTrue();
        }
    }
}
