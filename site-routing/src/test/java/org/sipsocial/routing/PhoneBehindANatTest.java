package org.sipsocial.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.sipsocial.sip.message.SipMethod;
import org.sipsocial.sip.message.SipResponse;
import org.sipsocial.sip.transaction.Hop;

/**
 * A phone behind a NAT names its private address in Contact; when the NAT gives it a new public port, its next
 * REGISTER moves the binding to the new flow, and calls follow it there.
 */
class PhoneBehindANatTest {
    private final TestSite site = new TestSite();
    private final Phone bob = new Phone("bob", "bob-secret", new InetSocketAddress("192.168.1.50", 5060));
    private final Phone alice = new Phone("alice", "alice-secret", TestSite.phoneAddress(21));

    private void register(Phone phone, Hop from) {
        site.layer.onRequest(phone.request("REGISTER", "sip:theSmiths", phone.user + "-reg", "", null), from);
        SipResponse challenge = site.onlyResponse();
        site.layer.onRequest(phone.request("REGISTER", "sip:theSmiths", phone.user + "-reg", "",
                phone.answer(challenge, "REGISTER", "sip:theSmiths")), from);
        assertThat(site.onlyResponse().statusCode()).isEqualTo(200);
    }

    private List<Hop> whereAnInviteForBobGoes(String callId) {
        site.layer.onRequest(alice.request("INVITE", "sip:bob@theSmiths", callId, "", null), alice.hop());
        SipResponse challenge = site.onlyResponse();
        site.layer.onRequest(alice.request("INVITE", "sip:bob@theSmiths", callId, "",
                alice.answer(challenge, "INVITE", "sip:bob@theSmiths")), alice.hop());
        return site.drain().stream().filter(s -> s.message().isRequest() && s.request().isMethod(SipMethod.INVITE))
                .map(TestSite.Sent::hop).toList();
    }

    @Test
    void a_phone_whose_nat_port_changes_re_registers_and_its_calls_go_to_the_new_port() {
        register(alice, alice.hop());
        Hop before = Hop.udp(new InetSocketAddress("203.0.113.9", 40000));
        Hop after = Hop.udp(new InetSocketAddress("203.0.113.9", 40001));
        register(bob, before);
        assertThat(whereAnInviteForBobGoes("call-1")).containsExactly(before);

        register(bob, after);
        assertThat(site.location.lookup("bob", site.scheduler.clock().instant())).hasSize(1);
        assertThat(whereAnInviteForBobGoes("call-2")).containsExactly(after);
    }
}
