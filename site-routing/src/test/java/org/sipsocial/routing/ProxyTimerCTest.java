package org.sipsocial.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.sipsocial.routing.proxy.ProxyCore;
import org.sipsocial.sip.message.Responses;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;

/** RFC 3261 §16.6 step 11 and §16.8: Timer C ends an INVITE branch that rings, or stays silent, too long. */
class ProxyTimerCTest {
    private final TestSite site = new TestSite();
    private final Phone alice = new Phone("alice", "alice-secret", TestSite.phoneAddress(21));
    private final Phone bob = new Phone("bob", "bob-secret", TestSite.phoneAddress(22));

    /** Alice calls Bob; returns the INVITE the site forwarded to Bob's phone. */
    private SipRequest aliceCallsBob() {
        site.register(alice);
        site.register(bob);
        SipResponse challenge = site.send(alice, alice.request("INVITE", "sip:bob@theSmiths", "tc-1", "", null));
        site.layer.onRequest(alice.request("INVITE", "sip:bob@theSmiths", "tc-1", "", alice.answer(challenge, "INVITE",
                "sip:bob@theSmiths")), alice.hop());
        return site.drain().stream().filter(s -> s.message().isRequest()).findFirst().orElseThrow().request();
    }

    private List<String> requestsSent() {
        return site.drain().stream().filter(s -> s.message().isRequest()).map(s -> s.request().method()).toList();
    }

    @Test
    void a_branch_that_rings_for_more_than_three_minutes_is_cancelled_and_each_provisional_restarts_the_timer() {
        SipRequest invite = aliceCallsBob();
        site.layer.onResponse(Responses.create(invite, 180, "Ringing", "b1").build(), bob.hop());
        site.scheduler.advance(Duration.ofSeconds(170));
        site.layer.onResponse(Responses.create(invite, 183, "Session Progress", "b1").build(), bob.hop());
        site.scheduler.advance(Duration.ofSeconds(170));
        assertThat(requestsSent()).doesNotContain("CANCEL");

        site.scheduler.advance(ProxyCore.TIMER_C);
        // The CANCEL and its retransmissions (UDP, Timer E) until Bob answers it.
        assertThat(requestsSent()).isNotEmpty().containsOnly("CANCEL");
    }

    @Test
    void a_branch_that_never_answers_ends_as_408() {
        SipRequest invite = aliceCallsBob();
        // Over TCP no Timer B ends the branch before Timer C: send the 100 Trying a reliable hop would give.
        site.layer.onResponse(Responses.create(invite, 100, "Trying", null).build(), bob.hop());
        site.drain();
        site.scheduler.advance(ProxyCore.TIMER_C.plusSeconds(1));
        List<TestSite.Sent> out = site.drain();
        assertThat(out).anySatisfy(s -> {
            assertThat(s.message().isRequest()).isFalse();
            assertThat(s.response().statusCode()).isEqualTo(408);
        });
    }

    @Test
    void a_branch_that_rings_only_after_another_answered_is_cancelled_then() {
        Phone bobsMobile = new Phone("bob", "bob-secret", TestSite.phoneAddress(23));
        site.register(alice);
        site.register(bob);
        site.register(bobsMobile);
        SipResponse challenge = site.send(alice, alice.request("INVITE", "sip:bob@theSmiths", "fork-1", "", null));
        site.layer.onRequest(alice.request("INVITE", "sip:bob@theSmiths", "fork-1", "", alice.answer(challenge, "INVITE",
                "sip:bob@theSmiths")), alice.hop());
        List<TestSite.Sent> invites = site.drain().stream().filter(s -> s.message().isRequest()).toList();
        SipRequest toDesk = invites.stream().filter(s -> s.hop().equals(bob.hop())).findFirst().orElseThrow().request();
        SipRequest toMobile = invites.stream().filter(s -> s.hop().equals(bobsMobile.hop())).findFirst().orElseThrow().request();

        site.layer.onResponse(Responses.create(toDesk, 200, "OK", "desk").build(), bob.hop());
        site.drain();
        site.layer.onResponse(Responses.create(toMobile, 180, "Ringing", "mobile").build(), bobsMobile.hop());
        List<TestSite.Sent> afterRinging = site.drain();
        assertThat(afterRinging).anySatisfy(s -> {
            assertThat(s.message().isRequest()).isTrue();
            assertThat(s.request().method()).isEqualTo("CANCEL");
            assertThat(s.hop()).isEqualTo(bobsMobile.hop());
        });
        assertThat(afterRinging).as("the late 180 does not go to Alice after the 200").allMatch(s -> s.message().isRequest());
    }
}
