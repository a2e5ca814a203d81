package org.sipsocial.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.epoll.Epoll;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.sipsocial.sip.message.SipResponse;

/**
 * Issue 14: the UDP listener is one socket per network thread on the same port ({@code SO_REUSEPORT}), so that
 * datagrams from many phones are taken on every thread, while one phone's datagrams all go to one thread, in order.
 */
class UdpOnEveryNetworkThreadTest {
    private final Map<String, List<String>> threadsBySource = new ConcurrentHashMap<>();
    private final Set<String> threads = ConcurrentHashMap.newKeySet();

    private SipTransport answeringTransport() {
        SipTransport[] transport = new SipTransport[1];
        transport[0] = SipTransport.builder(in -> {
            String thread = Thread.currentThread().getName();
            threads.add(thread);
            String callId = in.request().callId();
            threadsBySource.computeIfAbsent(in.remote().toString(), s -> java.util.Collections.synchronizedList(new ArrayList<>()))
                    .add(thread + " " + callId.substring("call-".length(), callId.indexOf('@')));
            transport[0].sendResponse(Messages.ok(in.request()));
        }, new SimpleMeterRegistry()).listen(Endpoint.loopback(Transport.UDP)).start();
        return transport[0];
    }

    @Test
    void datagrams_from_many_phones_are_taken_on_every_network_thread_and_all_answered_from_the_one_port() throws Exception {
        assertThat(Epoll.isAvailable()).as("native epoll, as on every Linux machine the site runs on").isTrue();
        assertThat(TransportLimits.DEFAULTS.ioThreads()).isEqualTo(2);
        try (SipTransport transport = answeringTransport()) {
            InetSocketAddress server = transport.localAddress(Transport.UDP);
            List<RawClient> phones = new ArrayList<>();
            try {
                for (int i = 0; i < 64; i++) {
                    phones.add(RawClient.open(Transport.UDP, server));
                }
                for (RawClient phone : phones) {
                    phone.send(Messages.optionsText(Transport.UDP, Messages.hostPort(phone.local()), ""));
                }
                for (RawClient phone : phones) {
                    SipResponse ok = phone.awaitResponse(Duration.ofSeconds(5));
                    assertThat(ok).as("every phone is answered").isNotNull();
                    assertThat(ok.statusCode()).isEqualTo(200);
                }
            } finally {
                for (RawClient phone : phones) {
                    phone.close();
                }
            }
        }
        assertThat(threads).as("64 phones' datagrams spread over both network threads").hasSize(2);
    }

    @Test
    void one_phones_datagrams_are_all_taken_on_one_thread_in_the_order_sent() throws Exception {
        try (SipTransport transport = answeringTransport();
             RawClient phone = RawClient.open(Transport.UDP, transport.localAddress(Transport.UDP))) {
            for (int i = 0; i < 200; i++) {
                phone.send(Messages.optionsText(Transport.UDP, Messages.hostPort(phone.local()), ""));
            }
            for (int i = 0; i < 200; i++) {
                assertThat(phone.awaitResponse(Duration.ofSeconds(5))).isNotNull();
            }
        }
        assertThat(threadsBySource).hasSize(1);
        List<String> taken = List.copyOf(threadsBySource.values().iterator().next());
        assertThat(taken.stream().map(t -> t.substring(0, t.indexOf(' '))).distinct()).hasSize(1);
        List<Long> order = taken.stream().map(t -> Long.parseLong(t.substring(t.indexOf(' ') + 1))).toList();
        assertThat(order).isSorted();
    }
}
