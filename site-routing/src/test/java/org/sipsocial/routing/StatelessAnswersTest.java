package org.sipsocial.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.sipsocial.sip.message.SipParser;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;
import org.sipsocial.sip.transaction.Hop;

/**
 * Requests without credentials are challenged without state (RFC 3261 §8.2.7), the ACKs of those challenges absorbed,
 * and OPTIONS for the site answered without state.
 */
class StatelessAnswersTest {
    private final TestSite site = new TestSite();
    private final Phone alice = new Phone("alice", "alice-secret", TestSite.phoneAddress(21));
    private final Phone bob = new Phone("bob", "bob-secret", TestSite.phoneAddress(22));

    /** The ACK a UAC sends for a non-2xx final response (RFC 3261 §17.1.1.3): same branch, Call-ID, From, CSeq number; the response's To. */
    private static SipRequest ackFor(SipRequest invite, SipResponse response) {
        String text = invite.toString()
                .replaceFirst("^INVITE ", "ACK ")
                .replaceFirst("(?m)^To: .*$", "To: " + response.to().toString().replace("$", "\\$"))
                .replaceFirst("(?m)^CSeq: (\\d+) INVITE", "CSeq: $1 ACK");
        return SipParser.parse(text.getBytes(StandardCharsets.UTF_8)).request();
    }

    private SipResponse challengeOf(Phone phone, SipRequest request) {
        site.arrive(phone, request);
        return site.onlyResponse();
    }

    @Test
    void an_invite_without_credentials_is_answered_407_without_a_server_transaction_and_never_retransmitted() {
        SipResponse challenge = challengeOf(alice, alice.request("INVITE", "sip:bob@theSmiths", "c1", "", null));

        assertThat(challenge.statusCode()).isEqualTo(407);
        assertThat(challenge.proxyAuthenticate()).isNotEmpty();
        assertThat(challenge.to().tag()).startsWith(StatelessAnswers.TAG_PREFIX);
        assertThat(site.layer.serverTransactionCount()).isZero();
        site.scheduler.advance(Duration.ofSeconds(64));
        assertThat(site.drain()).as("retransmissions of the 407").isEmpty();
    }

    @Test
    void a_register_without_credentials_is_answered_401_without_state_and_its_answer_registers() {
        SipRequest first = alice.request("REGISTER", "sip:theSmiths", "r1", "", null);
        SipResponse challenge = challengeOf(alice, first);
        assertThat(challenge.statusCode()).isEqualTo(401);
        assertThat(site.layer.serverTransactionCount()).isZero();

        site.arrive(alice, alice.request("REGISTER", "sip:theSmiths", "r1", "", alice.answer(challenge, "REGISTER", "sip:theSmiths")));

        assertThat(site.onlyResponse().statusCode()).isEqualTo(200);
    }

    @Test
    void a_retransmitted_invite_gets_the_same_challenge_to_tag_so_its_ack_still_matches() {
        SipRequest invite = alice.request("INVITE", "sip:bob@theSmiths", "c2", "", null);
        SipResponse once = challengeOf(alice, invite);
        SipResponse again = challengeOf(alice, invite);

        assertThat(again.to().tag()).isEqualTo(once.to().tag());
        assertThat(site.answers.absorbsAck(ackFor(invite, again))).isTrue();
    }

    @Test
    void the_ack_of_a_stateless_407_is_absorbed_and_not_forwarded_even_from_a_registered_phone() {
        site.register(alice);
        SipRequest invite = alice.request("INVITE", "sip:bob@192.0.2.9", "c3", "", null);
        SipResponse challenge = challengeOf(alice, invite);

        site.arrive(alice, ackFor(invite, challenge));

        assertThat(site.drain()).as("what the site sent for the ACK").isEmpty();
        assertThat(site.metrics.counter("sipsocial.auth.challenge.acks.absorbed").count()).isEqualTo(1.0);
    }

    @Test
    void an_ack_with_a_to_tag_the_site_did_not_derive_is_not_absorbed() {
        SipRequest invite = alice.request("INVITE", "sip:bob@theSmiths", "c4", "", null);
        SipResponse challenge = challengeOf(alice, invite);
        SipRequest forged = ackFor(invite, challenge);
        String text = forged.toString().replace(challenge.to().tag(), StatelessAnswers.TAG_PREFIX + "0123456789abcdef");

        assertThat(site.answers.absorbsAck(SipParser.parse(text.getBytes(StandardCharsets.UTF_8)).request())).isFalse();
    }

    @Test
    void a_call_between_two_registered_phones_goes_through_a_stateless_challenge_and_is_proxied() {
        site.register(alice);
        site.register(bob);
        SipRequest bare = alice.request("INVITE", "sip:bob@theSmiths", "call-1", "", null);
        SipResponse challenge = challengeOf(alice, bare);
        site.arrive(alice, ackFor(bare, challenge));
        site.arrive(alice, alice.request("INVITE", "sip:bob@theSmiths", "call-1", "",
                alice.answer(challenge, "INVITE", "sip:bob@theSmiths")));

        List<TestSite.Sent> out = site.drain();
        assertThat(out).anySatisfy(s -> {
            assertThat(s.message().isRequest()).isTrue();
            assertThat(s.request().method()).isEqualTo("INVITE");
            assertThat(s.hop().address()).isEqualTo(TestSite.phoneAddress(22));
        });
    }

    @Test
    void requests_with_credentials_inside_a_dialog_or_from_a_link_go_to_the_transaction_layer() {
        String someCredentials = "Proxy-Authorization: Digest username=\"alice\", realm=\"theSmiths\", nonce=\"x\", "
                + "uri=\"sip:bob@theSmiths\", response=\"00\"\r\n";
        Optional<SipResponse> withCredentials = site.answers.answer(
                alice.request("INVITE", "sip:bob@theSmiths", "c5", "", someCredentials), alice.hop());
        SipRequest inDialog = SipParser.parse(alice.request("BYE", "sip:bob@theSmiths", "c6", "", null).toString()
                .replace("To: <sip:bob@theSmiths>", "To: <sip:bob@theSmiths>;tag=b1").getBytes(StandardCharsets.UTF_8)).request();
        Optional<SipResponse> fromLink = site.answers.answer(
                alice.request("INVITE", "sip:bob@theSmiths", "c7", "", null), Hop.link("theJoneses"));

        assertThat(withCredentials).isEmpty();
        assertThat(site.answers.answer(inDialog, alice.hop())).isEmpty();
        assertThat(fromLink).isEmpty();
    }

    @Test
    void an_options_for_the_site_itself_is_answered_200_without_a_server_transaction() {
        SipResponse ok = challengeOf(alice, alice.request("OPTIONS", "sip:theSmiths", "c8", "", null));

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.header("Allow").value()).contains("INVITE", "REGISTER");
        assertThat(site.layer.serverTransactionCount()).isZero();
        assertThat(site.metrics.counter("sipsocial.options.stateless").count()).isEqualTo(1.0);
    }

    @Test
    void an_options_for_a_user_is_challenged_like_any_request_for_a_user() {
        assertThat(challengeOf(alice, alice.request("OPTIONS", "sip:bob@theSmiths", "c11", "", null)).statusCode()).isEqualTo(407);
    }

    @Test
    void a_request_the_checks_refuse_is_left_to_the_transaction_layer_for_its_own_answer() {
        SipRequest tooManyHops = SipParser.parse(alice.request("INVITE", "sip:bob@theSmiths", "c9", "", null).toString()
                .replace("Max-Forwards: 70", "Max-Forwards: 0").getBytes(StandardCharsets.UTF_8)).request();

        site.arrive(alice, tooManyHops);

        assertThat(site.onlyResponse().statusCode()).isEqualTo(483);
    }

    @Test
    void a_stopping_site_challenges_nothing_statelessly() {
        site.answers.stop();

        assertThat(site.answers.answer(alice.request("INVITE", "sip:bob@theSmiths", "c10", "", null), alice.hop())).isEmpty();
    }
}
