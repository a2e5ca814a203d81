package org.sipsocial.routing.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.sipsocial.sip.message.SipParser;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.testkit.ManualClock;

class CallsInProgressTest {
    private final ManualClock clock = ManualClock.at("2026-12-06T20:00:00Z");
    private final CallsInProgress calls = new CallsInProgress(clock);

    private static SipRequest invite(String callId, String from, String to) {
        return SipParser.parse(("INVITE sip:bob@theSmiths SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.21;branch=z9hG4bK1\r\n"
                + "Max-Forwards: 70\r\nFrom: \"Alice A.\" <" + from + ">;tag=a\r\nTo: <" + to + ">\r\nCall-ID: " + callId
                + "\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.UTF_8)).request();
    }

    @Test
    void a_call_is_named_by_its_parties_aors_only_and_keeps_its_first_time_across_a_reinvite() {
        calls.established(invite("c1", "sip:alice@10.0.0.21:5062;transport=tcp", "sip:bob@theJoneses"), "theJoneses");
        clock.advance(Duration.ofMinutes(3));
        calls.established(invite("c1", "sip:alice@10.0.0.21:5062", "sip:bob@theJoneses"), "theJoneses");
        assertThat(calls.list()).containsExactly(new CallsInProgress.Call("c1", "alice@10.0.0.21", "bob@theJoneses",
                "theJoneses", clock.instant().minus(Duration.ofMinutes(3))));
    }

    @Test
    void a_bye_ends_one_call_and_a_lost_link_every_call_across_it() {
        calls.established(invite("c1", "sip:alice@theSmiths", "sip:bob@theSmiths"), null);
        calls.established(invite("c2", "sip:carol@theSmiths", "sip:dave@theJoneses"), "theJoneses");
        calls.established(invite("c3", "sip:erin@theJoneses", "sip:alice@theSmiths"), "theJoneses");
        calls.endedWith("THEJONESES");
        assertThat(calls.list()).extracting(CallsInProgress.Call::callId).containsExactly("c1");
        calls.ended("c1");
        assertThat(calls.size()).isZero();
    }

    @Test
    void a_call_whose_bye_never_came_is_forgotten_after_its_maximum_age() {
        calls.established(invite("c1", "sip:alice@theSmiths", "sip:bob@theSmiths"), null);
        clock.advance(CallsInProgress.MAX_AGE.minusSeconds(1));
        calls.established(invite("c2", "sip:alice@theSmiths", "sip:bob@theSmiths"), null);
        assertThat(calls.list()).hasSize(2);
        clock.advance(Duration.ofSeconds(2));
        assertThat(calls.list()).extracting(CallsInProgress.Call::callId).containsExactly("c2");
    }
}
