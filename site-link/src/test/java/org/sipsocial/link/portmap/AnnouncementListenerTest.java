package org.sipsocial.link.portmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The listener over real UDP on loopback: unicast to its port stands for the multicast, which loopback lacks. */
class AnnouncementListenerTest {
    private static final byte[] PCP_ANNOUNCE = new FakeGateway().pcpAnnounce();

    @Test
    void anAnnouncementFromTheRouterIsHandedOnAndOneFromAnyOtherSourceIsDropped() throws Exception {
        InetAddress router = InetAddress.getByName("127.0.0.1");
        InetAddress stranger = InetAddress.getByName("127.0.0.2");
        List<Integer> heard = new CopyOnWriteArrayList<>();
        try (AnnouncementListener listener = AnnouncementListener.open(router, 0, null, (datagram, length) -> heard.add(length));
                DatagramSocket fromStranger = new DatagramSocket(new InetSocketAddress(stranger, 0));
                DatagramSocket fromRouter = new DatagramSocket(new InetSocketAddress(router, 0))) {
            InetSocketAddress to = new InetSocketAddress(router, listener.port());
            fromStranger.send(new DatagramPacket(PCP_ANNOUNCE, 20, to));
            fromRouter.send(new DatagramPacket(PCP_ANNOUNCE, PCP_ANNOUNCE.length, to));
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !heard.isEmpty());
            Thread.sleep(100);
            assertThat(heard).as("only the router's 24 bytes, not the stranger's 20").containsExactly(24);
        }
    }

    @Test
    void closingStopsTheReaderAndFreesThePort() throws Exception {
        AnnouncementListener listener = AnnouncementListener.open(InetAddress.getLoopbackAddress(), 0, null, (d, l) -> { });
        int port = listener.port();
        listener.close();
        try (DatagramSocket again = new DatagramSocket(new InetSocketAddress(port))) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void theAllHostsGroupIs224001() {
        assertThat(AnnouncementListener.allHosts().getHostAddress()).isEqualTo("224.0.0.1");
    }
}
