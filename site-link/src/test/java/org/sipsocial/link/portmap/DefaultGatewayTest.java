package org.sipsocial.link.portmap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DefaultGatewayTest {
    @Test
    void theDefaultRoutesGatewayIsReadInLittleEndianOrder() {
        String table = """
                Iface	Destination	Gateway 	Flags	RefCnt	Use	Metric	Mask		MTU	Window	IRTT
                eth0	0000010A	00000000	0001	0	0	0	00FFFFFF	0	0	0
                eth0	00000000	0100010A	0003	0	0	0	00000000	0	0	0
                """;
        assertThat(DefaultGateway.parse(table)).hasValueSatisfying(gateway -> assertThat(gateway.getHostAddress()).isEqualTo("10.1.0.1"));
    }

    @Test
    void aMachineWithOnlyItsOwnSubnetHasNoDefaultGateway() {
        String table = """
                Iface	Destination	Gateway 	Flags	RefCnt	Use	Metric	Mask		MTU	Window	IRTT
                eth0	0071CBCB	00000000	0001	0	0	0	00FFFFFF	0	0	0
                """;
        assertThat(DefaultGateway.parse(table)).isEmpty();
    }

    @Test
    void aDefaultRouteThatIsDownIsNoGateway() {
        String table = "Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\nX\n"
                + "eth0\t00000000\t0100010A\t0002\t0\t0\t0\t00000000\t0\t0\t0\n";
        assertThat(DefaultGateway.parse(table)).isEmpty();
    }
}
