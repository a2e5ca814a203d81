package org.sipsocial.link.portmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.HexFormat;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** What a router multicasts unasked, read as RFC 6887 §14.1.3 and RFC 6886 §3.2.1 lay it out. */
class GatewayAnnouncementTest {
    private static Optional<GatewayAnnouncement> decode(String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex.replace(" ", ""));
        return GatewayAnnouncement.decode(bytes, bytes.length);
    }

    @Test
    void aPcpAnnounceGivesItsEpoch() {
        assertThat(decode("02 80 00 00 00000000 0000002a 000000000000000000000000"))
                .contains(new GatewayAnnouncement(Dialect.PCP, 42, null));
    }

    @Test
    void aNatPmpExternalAddressAnnouncementGivesItsEpochAndAddress() throws Exception {
        assertThat(decode("00 80 0000 00000003 0bfa2a63")).contains(
                new GatewayAnnouncement(Dialect.NAT_PMP, 3, (java.net.Inet4Address) InetAddress.getByName("11.250.42.99")));
    }

    @Test
    void aMapResponseAFailureAndAShortDatagramAreNoAnnouncement() {
        assertThat(decode("02 81 00 00 00000e10 000003e8 000000000000000000000000" + "00".repeat(36))).isEmpty();
        assertThat(decode("02 80 00 02 00000000 0000002a 000000000000000000000000")).isEmpty();
        assertThat(decode("00 80 0003 00000003")).isEmpty();
        assertThat(decode("02")).isEmpty();
    }

    @Test
    void onlyAPcpAnnounceResponseCountsAsOneWhenItComesToTheRequestSocket() {
        assertThat(GatewayAnnouncement.isPcpAnnounce(new byte[] {2, (byte) 0x80}, 2)).isTrue();
        assertThat(GatewayAnnouncement.isPcpAnnounce(new byte[] {2, (byte) 0x81}, 2)).isFalse();
        assertThat(GatewayAnnouncement.isPcpAnnounce(new byte[] {0, (byte) 0x80}, 2)).isFalse();
    }
}
