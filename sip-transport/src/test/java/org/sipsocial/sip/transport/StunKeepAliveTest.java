package org.sipsocial.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;

/**
 * RFC 5626 §4.4.2 keep-alives on the SIP UDP port: a STUN Binding request (RFC 5389) is answered with the address
 * the site sees it from, and the same socket still carries SIP. Messages are built here from the RFC, not with
 * the code under test.
 */
class StunKeepAliveTest {
    private static final int COOKIE = 0x2112A442;

    @Test
    void a_binding_request_on_the_sip_port_gets_its_source_address_in_xor_mapped_address() throws Exception {
        try (Endpoint server = Endpoint.answering(TransportLimits.DEFAULTS, null, Endpoint.loopback(Transport.UDP));
             RawClient client = RawClient.open(Transport.UDP, server.address(Transport.UDP))) {
            byte[] transaction = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
            client.send(bindingRequest(transaction, false));

            ByteBuffer response = ByteBuffer.wrap(client.awaitMessage(Duration.ofSeconds(2)));
            assertThat(response.getShort(0)).as("Binding success response").isEqualTo((short) 0x0101);
            assertThat(response.getShort(2)).isEqualTo((short) (response.limit() - 20));
            assertThat(response.getInt(4)).isEqualTo(COOKIE);
            assertThat(Arrays.copyOfRange(response.array(), 8, 20)).isEqualTo(transaction);
            assertThat(response.getShort(20)).as("XOR-MAPPED-ADDRESS").isEqualTo((short) 0x0020);
            assertThat(response.getShort(22)).isEqualTo((short) 8);
            assertThat(response.get(25)).as("IPv4").isEqualTo((byte) 1);
            int port = (response.getShort(26) & 0xFFFF) ^ (COOKIE >>> 16);
            byte[] address = new byte[4];
            for (int i = 0; i < 4; i++) {
                address[i] = (byte) (response.get(28 + i) ^ (COOKIE >>> (24 - 8 * i)));
            }
            assertThat(new InetSocketAddress(InetAddress.getByAddress(address), port)).isEqualTo(client.local());

            assertThat(client.exchange().statusCode()).as("the socket still carries SIP").isEqualTo(200);
        }
    }

    @Test
    void a_request_with_a_fingerprint_gets_a_response_with_a_valid_fingerprint() throws Exception {
        try (Endpoint server = Endpoint.answering(TransportLimits.DEFAULTS, null, Endpoint.loopback(Transport.UDP));
             RawClient client = RawClient.open(Transport.UDP, server.address(Transport.UDP))) {
            client.send(bindingRequest(new byte[12], true));

            byte[] response = client.awaitMessage(Duration.ofSeconds(2));
            ByteBuffer last = ByteBuffer.wrap(response, response.length - 8, 8);
            assertThat(last.getShort()).as("FINGERPRINT last").isEqualTo((short) 0x8028);
            assertThat(last.getShort()).isEqualTo((short) 4);
            assertThat(last.getInt()).isEqualTo(fingerprint(response, response.length - 8));
        }
    }

    @Test
    void damaged_stun_and_stun_that_is_not_a_binding_request_are_dropped_unanswered() throws Exception {
        try (Endpoint server = Endpoint.answering(TransportLimits.DEFAULTS, null, Endpoint.loopback(Transport.UDP));
             RawClient client = RawClient.open(Transport.UDP, server.address(Transport.UDP))) {
            byte[] wrongCookie = bindingRequest(new byte[12], false);
            wrongCookie[4] = 0;
            byte[] indication = bindingRequest(new byte[12], false);
            indication[1] = 0x11;
            byte[] wrongLength = bindingRequest(new byte[12], false);
            wrongLength[3] = 8;
            for (byte[] junk : new byte[][] {wrongCookie, indication, wrongLength, {0, 1, 0}}) {
                client.send(junk);
                assertThat(client.awaitMessage(Duration.ofMillis(300))).as(Arrays.toString(junk)).isNull();
            }
            assertThat(client.exchange().statusCode()).isEqualTo(200);
        }
    }

    /** RFC 5389 §6: type, length, magic cookie, transaction ID; then, if asked, FINGERPRINT (§15.5). */
    private static byte[] bindingRequest(byte[] transaction, boolean withFingerprint) {
        ByteBuffer b = ByteBuffer.allocate(withFingerprint ? 28 : 20);
        b.putShort((short) 0x0001).putShort((short) (withFingerprint ? 8 : 0)).putInt(COOKIE).put(transaction);
        if (withFingerprint) {
            b.putShort((short) 0x8028).putShort((short) 4).putInt(fingerprint(b.array(), 20));
        }
        return b.array();
    }

    private static int fingerprint(byte[] message, int length) {
        CRC32 crc = new CRC32();
        crc.update(message, 0, length);
        return (int) crc.getValue() ^ 0x5354554e;
    }
}
