package org.sipsocial.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/** What the relay tests share: a call's legs joined across two relays, a held event loop, a received datagram. */
final class RelayFixtures {
    private static final SecureRandom RANDOM = new SecureRandom();

    private RelayFixtures() {
    }

    /** A call's audio leg at both relays, keyed both ways (AEAD_AES_128_GCM): {smiths's leg, joneses's leg}. */
    static Leg[] joinedLegs(MediaRelay smiths, MediaRelay joneses) {
        Leg atSmiths = smiths.open();
        Leg atJoneses = joneses.open();
        SrtpKey smithsToJoneses = SrtpKey.random(SrtpSuite.AEAD_AES_128_GCM, RANDOM);
        SrtpKey jonesesToSmiths = SrtpKey.random(SrtpSuite.AEAD_AES_128_GCM, RANDOM);
        atSmiths.toSite(joneses.linkSide(), atJoneses.channel(), smithsToJoneses, jonesesToSmiths);
        atJoneses.toSite(smiths.linkSide(), atSmiths.channel(), jonesesToSmiths, smithsToJoneses);
        return new Leg[] {atSmiths, atJoneses};
    }

    /** Holds {@code loop}'s thread until {@code latch} opens; returns once it is held. */
    static void hold(Executor loop, CountDownLatch latch) throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(1);
        loop.execute(() -> {
            holding.countDown();
            try {
                latch.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
    }

    /** The next datagram {@code socket} receives (within its timeout). */
    static byte[] receive(DatagramSocket socket) throws Exception {
        DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
        socket.receive(packet);
        return Arrays.copyOf(packet.getData(), packet.getLength());
    }
}
