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
            bob.setSoTimeout(10_000);
            alice.setSoTimeout(10_000);
            SessionDescription offer = sdp("127.0.1.50", bob.getLocalPort(), "a=candidate:1 1 UDP 1 127.0.1.50 4000 typ host\r\n");
            SessionDescription overTheLink = smiths.towardSite("call-1", offer, "198.51.100.7");
            assertThat(smiths.media("call-1")).hasValue(new MediaAnchor.CallMedia("", 0, 0));
            assertThat(smiths.media("no-such-call")).isEmpty();
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
            // Without a link the path is UDP to where the other site's SDP put its relay; nothing was lost.
            assertThat(smiths.media("call-1")).hasValue(new MediaAnchor.CallMedia(MediaAnchor.CallMedia.DIRECT, 0, 0));
        }
        smiths.end("call-1");
        assertThat(smiths.media("call-1")).isEmpty();
        joneses.end("call-1@theSmiths");
        assertThat(smithsRelay.portsInUse()).isZero();
        assertThat(jonesesRelay.portsInUse()).isZero();
        assertThat(smiths.calls()).isZero();
    }

    /**
     * A phone that offers SRTP itself (RTP/SAVP with SDES) gets SRTP on the LAN: the answer it is handed names the
     * relay's own key under the phone's crypto tag; what it sends is checked with its key, and what it receives is
     * protected with the relay's. The phone on the other site, which offered nothing, stays plain RTP.
     */
    @Test
    void a_phone_that_offers_srtp_gets_srtp_on_the_lan_with_a_key_of_the_relays_own() throws Exception {
        SrtpKey bobsKey = SrtpKey.random(SrtpSuite.AES_CM_128_HMAC_SHA1_80, new SecureRandom());
        try (DatagramSocket bob = new DatagramSocket(new InetSocketAddress("127.0.1.50", 0));
             DatagramSocket alice = new DatagramSocket(new InetSocketAddress("127.0.2.50", 0))) {
            bob.setSoTimeout(10_000);
            alice.setSoTimeout(10_000);
            SessionDescription offer = SessionDescription.parse(sdp("127.0.1.50", bob.getLocalPort(), "").toString()
                    .replace("RTP/AVP", "RTP/SAVP").concat("a=crypto:3 AES_CM_128_HMAC_SHA1_80 " + bobsKey.inline() + "\r\n")
                    .getBytes());
            SessionDescription overTheLink = smiths.towardSite("call-3", offer, "127.0.1.1");
            assertThat(overTheLink.toString()).as("bob's key stays on theSmiths's LAN").doesNotContain(bobsKey.inline());
            SessionDescription toAlice = joneses.towardPhone("call-3@theSmiths", "theSmiths", overTheLink);
            assertThat(toAlice.media().get(0).proto()).isEqualTo("RTP/AVP");
            SessionDescription answer = joneses.towardSite("call-3@theSmiths", sdp("127.0.2.50", alice.getLocalPort(), ""), "127.0.2.1");
            SessionDescription toBob = smiths.towardPhone("call-3", "theJoneses", answer);
            MediaDescription bobSees = toBob.media().get(0);
            assertThat(bobSees.proto()).isEqualTo("RTP/SAVP");
            assertThat(bobSees.cryptos()).singleElement().satisfies(crypto -> {
                assertThat(crypto.tag()).isEqualTo(3);
                assertThat(crypto.suite()).isEqualTo("AES_CM_128_HMAC_SHA1_80");
                assertThat(crypto.keyParams()).isNotEqualTo(bobsKey.inline());
            });
            SrtpKey relaysKey = SrtpKey.parseInline(SrtpSuite.AES_CM_128_HMAC_SHA1_80, bobSees.cryptos().get(0).keyParams());

            byte[] hello = rtp("bob says hello in SRTP");
            PacketBuffer protectedHello = PacketBuffer.copyOf(hello, 0, hello.length);
            try (SrtpStream bobSends = SrtpStream.sending(bobsKey)) {
                assertThat(bobSends.protect(protectedHello)).isTrue();
            }
            bob.send(new DatagramPacket(protectedHello.toArray(), protectedHello.getLength(), InetAddress.getByName("127.0.1.1"),
                    bobSees.port()));
            assertThat(receive(alice)).as("alice gets plain RTP").isEqualTo(hello);

            byte[] back = rtp("alice answers in plain RTP");
            alice.send(new DatagramPacket(back, back.length, InetAddress.getByName("127.0.2.1"), toAlice.media().get(0).port()));
            byte[] atBob = receive(bob);
            assertThat(atBob).isNotEqualTo(back);
            try (SrtpStream bobReceives = SrtpStream.receiving(relaysKey)) {
                assertThat(SrtpStreamTest.tryUnprotect(bobReceives, atBob)).as("SRTP under the relay's key").contains(back);
            }

            byte[] forged = rtp("not under bob's key");
            bob.send(new DatagramPacket(forged, forged.length, InetAddress.getByName("127.0.1.1"), bobSees.port()));
            assertThat(receiveNothing(alice)).as("plain RTP on an SRTP leg is dropped").isTrue();
        }
        smiths.end("call-3");
        joneses.end("call-3@theSmiths");
    }

    private static boolean receiveNothing(DatagramSocket socket) throws Exception {
        socket.setSoTimeout(500);
        try {
            receive(socket);
            return false;
        } catch (java.net.SocketTimeoutException expected) {
            return true;
        }
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
