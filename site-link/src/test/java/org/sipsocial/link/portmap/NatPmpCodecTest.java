package org.sipsocial.link.portmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** Known answers laid out as RFC 6886 §3.2 and §3.3 draw the packets, and round trips through a fake gateway's view. */
class NatPmpCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    private static NatPmpResponse decode(String hex) {
        byte[] bytes = HEX.parseHex(hex.replace(" ", ""));
        return NatPmpCodec.decode(bytes, bytes.length);
    }

    @Test
    void theExternalAddressRequestIsVersionZeroAndOpcodeZero() {
        assertThat(HEX.formatHex(NatPmpCodec.externalAddressRequest())).isEqualTo("0000");
    }

    @Test
    void aTcpMappingRequestCarriesOpcodeTwoAZeroReservedFieldThePortsAndTheLifetime() {
        // Vers 0, OP 2, Reserved 0, Internal Port 5070 (0x13ce), Suggested 5070, Lifetime 7200 (0x1c20).
        assertThat(HEX.formatHex(NatPmpCodec.mappingRequest(MappedProtocol.TCP, 5070, 5070, 7200)))
                .isEqualTo("0002" + "0000" + "13ce" + "13ce" + "00001c20");
    }

    @Test
    void aUdpMappingRequestCarriesOpcodeOne() {
        assertThat(HEX.formatHex(NatPmpCodec.mappingRequest(MappedProtocol.UDP, 40000, 40001, 3600)))
                .isEqualTo("0001" + "0000" + "9c40" + "9c41" + "00000e10");
    }

    @Test
    void aDeletionAsksForLifetimeZeroAndSuggestsPortZero() {
        assertThat(HEX.formatHex(NatPmpCodec.deletionRequest(MappedProtocol.TCP, 5070)))
                .isEqualTo("0002" + "0000" + "13ce" + "0000" + "00000000");
    }

    @Test
    void aLifetimeBeyondThirtyTwoBitsIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> NatPmpCodec.mappingRequest(MappedProtocol.TCP, 5070, 5070, 1L << 32))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32-bit");
    }

    @Test
    void anExternalAddressResponseGivesTheResultTheEpochAndTheAddress() throws Exception {
        // Vers 0, OP 128, Result 0, Epoch 1000 (0x3e8), External 11.250.42.12.
        assertThat(decode("0080 0000 000003e8 0bfa2a0c")).isEqualTo(new NatPmpResponse.ExternalAddress(
                NatPmpResult.SUCCESS, 1000, (java.net.Inet4Address) InetAddress.getByName("11.250.42.12")));
    }

    @Test
    void aMappingResponseGivesTheGrantedExternalPortAndLifetime() {
        // Vers 0, OP 130, Result 0, Epoch 7, Internal 5070, Mapped External 5071, Lifetime 3600.
        assertThat(decode("0082 0000 00000007 13ce 13cf 00000e10")).isEqualTo(
                new NatPmpResponse.Mapping(MappedProtocol.TCP, NatPmpResult.SUCCESS, 7, 5070, 5071, 3600));
    }

    @Test
    void aUdpMappingResponseIsOpcode129() {
        assertThat(decode("0081 0000 00000007 13ce 13ce 00001c20")).isEqualTo(
                new NatPmpResponse.Mapping(MappedProtocol.UDP, NatPmpResult.SUCCESS, 7, 5070, 5070, 7200));
    }

    @Test
    void eachResultCodeOfSection35IsNamedAndAnUnknownOneKeepsItsPlace() {
        assertThat(decode("0082 0002 00000007").opcode()).isEqualTo(130);
        assertThat(((NatPmpResponse.Mapping) decode("0082 0002 00000007")).result()).isEqualTo(NatPmpResult.NOT_AUTHORIZED);
        assertThat(((NatPmpResponse.ExternalAddress) decode("0080 0003 00000007")).result()).isEqualTo(NatPmpResult.NETWORK_FAILURE);
        assertThat(((NatPmpResponse.Mapping) decode("0081 0004 00000007 0000 0000 00000000")).result()).isEqualTo(NatPmpResult.OUT_OF_RESOURCES);
        assertThat(NatPmpResult.of(1)).isEqualTo(NatPmpResult.UNSUPPORTED_VERSION);
        assertThat(NatPmpResult.of(5)).isEqualTo(NatPmpResult.UNSUPPORTED_OPCODE);
        assertThat(NatPmpResult.of(99)).isEqualTo(NatPmpResult.UNKNOWN);
    }

    @Test
    void aShortDatagramAnotherVersionARequestAndAnUnknownOpcodeAreRejected() {
        assertThat(decode("0080 0000")).isInstanceOf(NatPmpResponse.Rejected.class);
        assertThat(decode("0280 0000 00000007 0bfa2a0c")).isEqualTo(new NatPmpResponse.Rejected("version 2 is not NAT-PMP's 0"));
        assertThat(decode("0002 0000 13ce 13ce 00001c20")).isInstanceOf(NatPmpResponse.Rejected.class);
        assertThat(decode("0085 0000 00000007 0000 0000 00000000")).isInstanceOf(NatPmpResponse.Rejected.class);
        assertThat(decode("0082 0000 00000007 13ce")).isInstanceOf(NatPmpResponse.Rejected.class);
    }

    @Test
    void aRequestWrittenThenReadAsTheGatewayReadsItKeepsEveryField() {
        byte[] request = NatPmpCodec.mappingRequest(MappedProtocol.UDP, 65535, 1, 0xFFFF_FFFFL);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(request);
        assertThat(in.get()).isEqualTo((byte) 0);
        assertThat(in.get()).isEqualTo((byte) 1);
        assertThat(in.getShort()).isZero();
        assertThat(in.getShort() & 0xFFFF).isEqualTo(65535);
        assertThat(in.getShort() & 0xFFFF).isEqualTo(1);
        assertThat(in.getInt() & 0xFFFF_FFFFL).isEqualTo(0xFFFF_FFFFL);
    }
}
