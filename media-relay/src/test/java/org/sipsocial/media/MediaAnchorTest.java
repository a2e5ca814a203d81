package org.sipsocial.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Arrays;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sipsocial.sip.message.sdp.MediaDescription;
import org.sipsocial.sip.message.sdp.SessionDescription;

/**
 * An offer and an answer through two sites' anchors, as the link boundaries hand them over, and then RTP both
 * ways between the phones along the ports the rewritten SDP names.
 */
class MediaAnchorTest {
    private final MediaRelay smithsRelay = MediaRelay.start(new MediaSettings("127.0.1.1", 43000, 43019,
            new InetSocketAddress("127.0.1.1", 0), java.time.Duration.ofMinutes(5)), new SimpleMeterRegistry());
    private final MediaRelay jonesesRelay = MediaRelay.start(new MediaSettings("127.0.2.1", 44000, 44019,
            new InetSocketAddress("127.0.2.1", 0), java.time.Duration.ofMinutes(5)), new SimpleMeterRegistry());
    private final MediaAnchor smiths = new MediaAnchor(smithsRelay, "127.0.1.1", new SecureRandom());
    private final MediaAnchor joneses = new MediaAnchor(jonesesRelay, "127.0.2.1", new SecureRandom());

    @AfterEach
    void stop() {
        smithsRelay.close();
        jonesesRelay.close();
    }

    private static SessionDescription sdp(String address, int port, String extra) {
        return SessionDescription.parse(("v=0\r\no=phone 1 1 IN IP4 " + address + "\r\ns=-\r\nc=IN IP4 " + address
                + "\r\nt=0 0\r\nm=audio " + port + " RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
                + extra).getBytes());
    }

    @Test
    void an_offer_and_its_answer_cross_the_link_with_keys_and_channels_and_carry_rtp_both_ways() throws Exception {
        try (DatagramSocket bob = new DatagramSocket(new InetSocketAddress("127.0.1.50", 0));
             DatagramSocket alice = new DatagramSocket(new InetSocketAddress("127.0.2.50", 0))) {
            bob.setSoTimeout(2000);
            alice.setSoTimeout(2000);
            SessionDescription offer = sdp("127.0.1.50", bob.getLocalPort(), "a=candidate:1 1 UDP 1 127.0.1.50 4000 typ host\r\n");
            SessionDescription overTheLink = smiths.towardSite("call-1", offer, "198.51.100.7");
            MediaDescription crossing = overTheLink.media().get(0);
            assertThat(overTheLink.toString()).doesNotContain("127.0.1.50").contains("c=IN IP4 198.51.100.7");
            assertThat(crossing.proto()).isEqualTo("RTP/SAVP");
            assertThat(crossing.port()).isEqualTo(smithsRelay.linkSide().getPort());
            assertThat(crossing.cryptos()).singleElement().satisfies(c -> assertThat(c.suite()).isEqualTo("AEAD_AES_128_GCM"));
            assertThat(crossing.attributeValues("x-sipsocial-channel")).hasSize(1);
            assertThat(crossing.formats()).containsExactly("0", "101");

            // On the way to Alice's phone, theJoneses names its own relay; the test plays the link and its addresses.
            SessionDescription toAlice = joneses.towardPhone("call-1@theSmiths", "theSmiths",
                    SessionDescription.parse(overTheLink.toString().replace("198.51.100.7", "127.0.1.1").getBytes()));
            MediaDescription aliceSees = toAlice.media().get(0);
            assertThat(aliceSees.proto()).isEqualTo("RTP/AVP");
            assertThat(aliceSees.cryptos()).isEmpty();
            assertThat(toAlice.connection().address()).isEqualTo("127.0.2.1");

            SessionDescription answer = sdp("127.0.2.50", alice.getLocalPort(), "");
            SessionDescription answerOverTheLink = joneses.towardSite("call-1@theSmiths", answer, "127.0.2.1");
            SessionDescription toBob = smiths.towardPhone("call-1", "theJoneses", answerOverTheLink);
            int bobSends = toBob.media().get(0).port();
            int aliceSends = aliceSees.port();

            byte[] hello = rtp("bob says hello");
            bob.send(new DatagramPacket(hello, hello.length, InetAddress.getByName("127.0.1.1"), bobSends));
            assertThat(receive(alice)).isEqualTo(hello);
            byte[] back = rtp("alice says hello");
            alice.send(new DatagramPacket(back, back.length, InetAddress.getByName("127.0.2.1"), aliceSends));
            assertThat(receive(bob)).isEqualTo(back);
        }
        smiths.end("call-1");
        joneses.end("call-1@theSmiths");
        assertThat(smithsRelay.portsInUse()).isZero();
        assertThat(jonesesRelay.portsInUse()).isZero();
        assertThat(smiths.calls()).isZero();
    }

    @Test
    void an_sdp_from_the_other_site_without_a_key_or_a_channel_is_refused() {
        assertThatThrownBy(() -> joneses.towardPhone("call-2", "theSmiths", sdp("127.0.1.1", 5070, "")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no channel or no AEAD_AES_128_GCM key");
    }

    private static byte[] rtp(String payload) {
        return SrtpStreamTest.rtp(0x5151, 1, payload.getBytes());
    }

    private static byte[] receive(DatagramSocket socket) throws Exception {
        DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
        socket.receive(packet);
        return Arrays.copyOf(packet.getData(), packet.getLength());
    }
}
