package org.sipsocial.link.portmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** Known answers laid out as RFC 6887 §7.1, §7.2 and §11.1 draw the PCP MAP packets. */
class PcpCodecTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String NONCE = "0102030405060708090a0b0c";

    private static Inet4Address ipv4(String address) throws Exception {
        return (Inet4Address) InetAddress.getByName(address);
    }

    private static PcpResponse decode(String hex) {
        byte[] bytes = HEX.parseHex(hex.replace(" ", ""));
        return PcpCodec.decode(bytes, bytes.length);
    }

    @Test
    void aTcpMapRequestIsTheHeaderThenTheNonceProtocolPortsAndAnyExternalAddress() throws Exception {
        byte[] request = PcpCodec.mapRequest(HEX.parseHex(NONCE), MappedProtocol.TCP, 5070, 5070, 7200, ipv4("10.1.0.2"));
        assertThat(HEX.formatHex(request)).isEqualTo(
                "02" + "01" + "0000"                                    // Version 2, R=0 Opcode MAP, Reserved
                + "00001c20"                                              // Requested Lifetime 7200
                + "00000000000000000000ffff" + "0a010002"                 // PCP Client's IP Address ::ffff:10.1.0.2
                + NONCE                                                   // Mapping Nonce
                + "06" + "000000"                                         // Protocol TCP, Reserved
                + "13ce" + "13ce"                                         // Internal Port, Suggested External Port
                + "00000000000000000000ffff" + "00000000");              // Suggested External IP ::ffff:0.0.0.0
    }

    @Test
    void aUdpDeletionCarriesProtocol17AndLifetimeZero() throws Exception {
        byte[] request = PcpCodec.mapRequest(HEX.parseHex(NONCE), MappedProtocol.UDP, 5070, 0, 0, ipv4("10.1.0.2"));
        assertThat(request).hasSize(60);
        assertThat(HEX.formatHex(request, 4, 8)).isEqualTo("00000000");
        assertThat(request[36]).isEqualTo((byte) 17);
    }

    @Test
    void aNonceOfAnotherLengthIsRefused() {
        assertThatThrownBy(() -> PcpCodec.mapRequest(new byte[8], MappedProtocol.TCP, 5070, 5070, 7200, ipv4("10.1.0.2")))
                .hasMessageContaining("96 bits");
    }

    @Test
    void aMapResponseGivesTheResultLifetimeEpochNonceAndTheAssignedAddressAndPort() throws Exception {
        PcpResponse response = decode("02 81 00 00" + "00000e10" + "000003e8" + "000000000000000000000000"
                + NONCE + "06 000000" + "13ce 13cf" + "00000000000000000000ffff 0bfa2a0c");
        assertThat(response).isInstanceOfSatisfying(PcpResponse.Map.class, map -> {
            assertThat(map.result()).isEqualTo(PcpResult.SUCCESS);
            assertThat(map.lifetime()).isEqualTo(3600);
            assertThat(map.epoch()).isEqualTo(1000);
            assertThat(HEX.formatHex(map.nonce())).isEqualTo(NONCE);
            assertThat(map.protocol()).isEqualTo(MappedProtocol.TCP);
            assertThat(map.internalPort()).isEqualTo(5070);
            assertThat(map.externalPort()).isEqualTo(5071);
            assertThat(map.external().getHostAddress()).isEqualTo("11.250.42.12");
        });
    }

    @Test
    void anErrorResponseOfTheHeaderAloneKeepsItsResultCode() {
        PcpResponse response = decode("02 81 00 02" + "0000001e" + "000003e8" + "000000000000000000000000");
        assertThat(response).isInstanceOfSatisfying(PcpResponse.Map.class, map -> {
            assertThat(map.result()).isEqualTo(PcpResult.NOT_AUTHORIZED);
            assertThat(map.nonce()).isNull();
        });
    }

    @Test
    void eachResultCodeOfSection74IsNamed() {
        assertThat(PcpResult.of(1)).isEqualTo(PcpResult.UNSUPP_VERSION);
        assertThat(PcpResult.of(8)).isEqualTo(PcpResult.NO_RESOURCES);
        assertThat(PcpResult.of(12)).isEqualTo(PcpResult.ADDRESS_MISMATCH);
        assertThat(PcpResult.of(13)).isEqualTo(PcpResult.EXCESSIVE_REMOTE_PEERS);
        assertThat(PcpResult.of(200)).isEqualTo(PcpResult.UNKNOWN);
    }

    @Test
    void anAnnounceResponseOfTheHeaderAloneGivesItsResultAndEpoch() {
        assertThat(decode("02 80 00 00" + "00000000" + "00000007" + "000000000000000000000000"))
                .isEqualTo(new PcpResponse.Announce(PcpResult.SUCCESS, 7));
        assertThat(decode("02 80 00 00" + "00000000" + "00000007")).isInstanceOf(PcpResponse.Rejected.class);
    }

    @Test
    void aNatPmpDatagramARequestAnotherOpcodeAndAShortSuccessAreRejected() {
        assertThat(decode("00 81 0001 000003e8")).isInstanceOf(PcpResponse.Rejected.class);
        assertThat(decode("02 01 0000" + "0".repeat(112))).isInstanceOf(PcpResponse.Rejected.class);
        assertThat(decode("02 82 0000" + "0".repeat(112))).isInstanceOf(PcpResponse.Rejected.class);
        assertThat(decode("02 81 00 00" + "00000e10" + "000003e8")).isInstanceOf(PcpResponse.Rejected.class);
    }

    @Test
    void aRequestReadBackAsAResponseKeepsEveryFieldOfTheMapping() throws Exception {
        byte[] request = PcpCodec.mapRequest(HEX.parseHex(NONCE), MappedProtocol.UDP, 40000, 40002, 60, ipv4("10.1.0.2"));
        request[1] |= (byte) PcpCodec.RESPONSE_BIT;
        PcpResponse.Map map = (PcpResponse.Map) PcpCodec.decode(request, request.length);
        assertThat(map.protocol()).isEqualTo(MappedProtocol.UDP);
        assertThat(map.internalPort()).isEqualTo(40000);
        assertThat(map.externalPort()).isEqualTo(40002);
        assertThat(HEX.formatHex(map.nonce())).isEqualTo(NONCE);
        assertThat(map.external().getHostAddress()).isEqualTo("0.0.0.0");
    }
}
