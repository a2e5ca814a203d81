package org.sipsocial.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;
import org.sipsocial.sip.message.header.MediaType;
import org.sipsocial.sip.transaction.Hop;

/** RFC 3261 §18.1.1: a request too large for UDP goes to the phone over TCP, and over UDP when TCP is refused. */
class LargeRequestsOverTcpTest {
    private final TestSite site = new TestSite();
    private final Phone alice = new Phone("alice", "alice-secret", TestSite.phoneAddress(21));
    private final Phone bob = new Phone("bob", "bob-secret", TestSite.phoneAddress(22));

    /** Alice sends Bob a MESSAGE with {@code bodyBytes} of text; returns the requests the site sent on. */
    private List<TestSite.Sent> aliceSendsBob(int bodyBytes) {
        site.register(alice);
        site.register(bob);
        SipResponse challenge = site.send(alice, alice.request("MESSAGE", "sip:bob@theSmiths", "big-1", "", null));
        SipRequest message = alice.request("MESSAGE", "sip:bob@theSmiths", "big-1", "",
                alice.answer(challenge, "MESSAGE", "sip:bob@theSmiths")).toBuilder()
                .body(MediaType.parse("text/plain"), "x".repeat(bodyBytes)).build();
        site.layer.onRequest(message, alice.hop());
        return site.drain().stream().filter(s -> s.message().isRequest()).toList();
    }

    @Test
    void a_small_request_goes_over_udp_as_the_phone_registered() {
        List<TestSite.Sent> out = aliceSendsBob(100);
        assertThat(out).singleElement().satisfies(s -> {
            assertThat(s.hop()).isEqualTo(bob.hop());
            assertThat(s.request().topVia().transport()).isEqualTo("UDP");
        });
    }

    @Test
    void a_request_over_1300_bytes_goes_over_tcp_to_the_same_address_and_over_udp_when_tcp_is_refused() {
        List<TestSite.Sent> out = aliceSendsBob(1400);
        assertThat(out).singleElement().satisfies(s -> {
            assertThat(s.hop()).isEqualTo(Hop.tcp(bob.address));
            assertThat(s.request().topVia().transport()).isEqualTo("TCP");
        });
        site.layer.onTransportError(out.get(0).request());
        List<TestSite.Sent> retried = site.drain().stream().filter(s -> s.message().isRequest()).toList();
        assertThat(retried).singleElement().satisfies(s -> {
            assertThat(s.hop()).isEqualTo(bob.hop());
            assertThat(s.request().topVia().transport()).isEqualTo("UDP");
            assertThat(s.request().bodyLength()).isEqualTo(1400);
        });
    }
}
