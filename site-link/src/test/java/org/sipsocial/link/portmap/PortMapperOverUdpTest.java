package org.sipsocial.link.portmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.sipsocial.link.LinkScheduler;

/** The client over real UDP, against a fake gateway listening on loopback. */
class PortMapperOverUdpTest {
    @Test
    void aPcpGatewayOnLoopbackThatDropsTheFirstRequestStillMapsThePortAndHearsTheDeletions() throws Exception {
        FakeGateway answers = new FakeGateway();
        answers.silentFor = 1;
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try (DatagramSocket gateway = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            PortMapper mapper = mappedThrough(gateway, answers, executor);
            assertThat(mapper.status().seenFrom()).contains("11.250.42.12:5070");
            assertThat(mapper.status().line()).contains(" by PCP, ");

            mapper.stop();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> seen(answers).size() == 5);
            assertThat(seen(answers)).containsExactly("pcp tcp 7200", "pcp tcp 7200", "pcp udp 7200", "pcp tcp 0", "pcp udp 0");
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aGatewayOnLoopbackThatRestartsAndAnnouncesItToTheClientPortHasBothMappingsBackWithinSeconds() throws Exception {
        FakeGateway answers = new FakeGateway(Clock.systemUTC());
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try (DatagramSocket gateway = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            PortMapper mapper = mappedThrough(gateway, answers, executor);
            try (AnnouncementListener listener = AnnouncementListener.open(InetAddress.getLoopbackAddress(), 0, null,
                    mapper::announced)) {
                byte[] announce;
                synchronized (answers) {
                    answers.restart();
                    answers.external = new byte[] {11, (byte) 250, 42, 99};
                    announce = answers.pcpAnnounce();
                }
                gateway.send(new DatagramPacket(announce, announce.length, InetAddress.getLoopbackAddress(), listener.port()));
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> mappings(answers).size() == 2);
            }
            assertThat(mapper.status().seenFrom()).contains("11.250.42.99:5070");
            assertThat(seen(answers)).containsExactly("pcp tcp 7200", "pcp udp 7200", "pcp tcp 7200", "pcp udp 7200");
            mapper.stop();
        } finally {
            executor.shutdownNow();
        }
    }

    /** Serves {@code answers} on {@code gateway}, and starts a mapper against it that has got its mapping. */
    private static PortMapper mappedThrough(DatagramSocket gateway, FakeGateway answers, ScheduledExecutorService executor)
            throws java.io.IOException {
        Thread serving = new Thread(() -> serve(gateway, answers));
        serving.setDaemon(true);
        serving.start();
        LinkScheduler scheduler = (delay, task) -> cancellable(executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS));
        PortMappingSettings settings = new PortMappingSettings(5070, Duration.ofSeconds(7200), Duration.ofMillis(50), 5, Duration.ofMinutes(1));
        PortMapper mapper = new PortMapper(settings, scheduler, Clock.systemUTC(), "127.0.0.1", new byte[12], new java.util.Random(15));
        mapper.start(UdpGatewayTransport.open((InetSocketAddress) gateway.getLocalSocketAddress(), mapper::received));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> mapper.status().seenFrom().isPresent());
        return mapper;
    }

    private static java.util.Set<String> mappings(FakeGateway answers) {
        synchronized (answers) {
            return new java.util.TreeSet<>(answers.mappings);
        }
    }

    private static java.util.List<String> seen(FakeGateway answers) {
        synchronized (answers) {
            return answers.seen();
        }
    }

    private static LinkScheduler.Timer cancellable(java.util.concurrent.Future<?> future) {
        return () -> future.cancel(false);
    }

    private static void serve(DatagramSocket gateway, FakeGateway answers) {
        byte[] buffer = new byte[64];
        while (!gateway.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                gateway.receive(packet);
                byte[] answer;
                synchronized (answers) {
                    answer = answers.answer(Arrays.copyOf(buffer, packet.getLength()));
                }
                if (answer != null) {
                    gateway.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
                }
            } catch (java.io.IOException e) {
                return;
            }
        }
    }
}
