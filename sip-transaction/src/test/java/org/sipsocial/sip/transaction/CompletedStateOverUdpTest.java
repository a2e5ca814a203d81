package org.sipsocial.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sipsocial.sip.transaction.Harness.TCP_PEER;
import static org.sipsocial.sip.transaction.Harness.UDP_PEER;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipWriter;

/**
 * An answered non-INVITE transaction over UDP ends at once and leaves its Completed state (RFC 3261 §17.2.2: the
 * final response for retransmissions, until Timer J at 64*T1) to the table's {@link CompletedAnswers}; what the
 * network sees must be what the transaction would have done itself.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CompletedStateOverUdpTest {
    private final Harness h = new Harness();

    @Test
    void the_transaction_ends_when_it_answers_and_a_retransmission_gets_the_same_bytes_until_64_T1() {
        SipRequest register = register("z9hG4bK-1");
        ServerTransaction tx = answer(register, UDP_PEER);

        assertThat(((Transaction<?, ?, ?>) tx).isTerminated()).isTrue();
        assertThat(h.user.terminated).containsExactly(tx);
        assertThat(h.layer.serverTransactionCount()).isZero();
        assertThat(h.layer.completedAnswers()).isEqualTo(1);
        assertThat(h.scheduler.pending()).as("no Timer J is started for it").isZero();

        h.advanceMillis(31_999);
        h.layer.onRequest(register, UDP_PEER);
        assertThat(h.user.requests).as("the retransmission does not reach the core").hasSize(1);
        assertThat(h.sender.statuses()).containsExactly(200, 200);
        assertThat(SipWriter.toBytes(h.sender.responses().get(1))).isEqualTo(SipWriter.toBytes(h.sender.responses().get(0)));
        assertThat(h.sender.sent.get(1).hop()).isEqualTo(UDP_PEER);

        h.advanceMillis(1);
        h.layer.onRequest(register, UDP_PEER);
        assertThat(h.user.requests).as("after Timer J the request is new").hasSize(2);
    }

    @Test
    void responses_the_core_sends_after_the_final_one_are_discarded() {
        SipRequest register = register("z9hG4bK-1");
        ServerTransaction tx = answer(register, UDP_PEER);
        tx.sendResponse(Messages.response(register, 500));
        h.layer.onRequest(register, UDP_PEER);
        assertThat(h.sender.statuses()).containsExactly(200, 200);
    }

    @Test
    void a_provisional_response_is_not_kept_and_the_request_in_progress_absorbs_its_retransmission() {
        SipRequest register = register("z9hG4bK-1");
        h.layer.onRequest(register, UDP_PEER);
        h.user.last().sendResponse(Messages.response(register, 100));
        h.layer.onRequest(register, UDP_PEER);
        assertThat(h.layer.completedAnswers()).isZero();
        assertThat(h.sender.statuses()).containsExactly(100, 100);
    }

    @Test
    void another_request_with_another_branch_sent_by_or_method_is_new() {
        answer(register("z9hG4bK-1"), UDP_PEER);
        h.layer.onRequest(register("z9hG4bK-2"), UDP_PEER);
        h.layer.onRequest(Messages.request("REGISTER").branch("z9hG4bK-1").sentBy("192.0.2.99").build(), UDP_PEER);
        h.layer.onRequest(Messages.request("OPTIONS").branch("z9hG4bK-1").build(), UDP_PEER);
        assertThat(h.user.requests).hasSize(4);
    }

    @Test
    void the_branch_and_host_match_case_insensitively_as_in_the_transaction_table() {
        answer(register("z9hG4bK-AbC"), UDP_PEER);
        h.layer.onRequest(register("z9hG4bK-aBc"), UDP_PEER);
        assertThat(h.user.requests).hasSize(1);
        assertThat(h.sender.statuses()).containsExactly(200, 200);
    }

    @Test
    void a_request_of_an_RFC_2543_peer_is_kept_by_its_whole_key() {
        SipRequest legacy = Messages.request("OPTIONS").branch("1").build();
        answer(legacy, UDP_PEER);
        h.layer.onRequest(legacy, UDP_PEER);
        h.layer.onRequest(Messages.request("OPTIONS").branch("1").callId("another-call").build(), UDP_PEER);
        assertThat(h.user.requests).hasSize(2);
        assertThat(h.sender.statuses()).containsExactly(200, 200);
    }

    @Test
    void over_TCP_nothing_is_kept() {
        answer(register("z9hG4bK-1"), TCP_PEER);
        assertThat(h.layer.completedAnswers()).isZero();
        assertThat(h.layer.serverTransactionCount()).isZero();
    }

    @Test
    void when_the_answers_reach_their_bound_the_oldest_is_dropped_and_new_requests_are_still_served() {
        h.layer.maxCompletedAnswers(4, 1 << 20);
        for (int i = 1; i <= 5; i++) {
            answer(register("z9hG4bK-" + i), UDP_PEER);
        }
        assertThat(h.user.requests).hasSize(5);
        assertThat(h.layer.retiredEarly()).isEqualTo(1);
        assertThat(h.layer.completedAnswers()).isEqualTo(4);

        h.layer.onRequest(register("z9hG4bK-2"), UDP_PEER);
        assertThat(h.user.requests).as("the second is still answered from what is kept").hasSize(5);
        h.layer.onRequest(register("z9hG4bK-1"), UDP_PEER);
        assertThat(h.user.requests).as("the first was dropped: its retransmission is handled again").hasSize(6);
        assertThat(h.layer.refusedWhenFull()).isZero();
    }

    @Test
    void answers_are_dropped_as_their_Timer_J_passes() {
        for (int i = 0; i < 1_000; i++) {
            answer(register("z9hG4bK-" + i), UDP_PEER);
        }
        assertThat(h.layer.completedAnswers()).isEqualTo(1_000);
        h.advanceSeconds(33);

        answer(register("z9hG4bK-after"), UDP_PEER);

        assertThat(h.layer.completedAnswers()).isEqualTo(1);
        assertThat(h.layer.retiredEarly()).isZero();
    }

    @Test
    void with_no_room_for_answers_the_transaction_waits_out_Timer_J_itself_keeping_its_messages_as_bytes() {
        h.layer.maxCompletedAnswers(0, 0);
        SipRequest register = register("z9hG4bK-1");
        NonInviteServerTransaction tx = (NonInviteServerTransaction) answer(register, UDP_PEER);

        assertThat(tx.state()).isEqualTo(NonInviteServerTransaction.State.COMPLETED);
        assertThat(tx.request).as("the parsed request, let go while lingering").isNull();
        assertThat(tx.lastResponse).as("the parsed response, let go while lingering").isNull();
        h.layer.onRequest(register, UDP_PEER);
        assertThat(h.sender.statuses()).containsExactly(200, 200);
        assertThat(SipWriter.toBytes(h.sender.responses().get(1))).isEqualTo(SipWriter.toBytes(h.sender.responses().get(0)));
        assertThat(SipWriter.toBytes(tx.request())).isEqualTo(SipWriter.toBytes(register));

        h.advanceMillis(32_000);
        assertThat(tx.isTerminated()).isTrue();
        assertThat(h.layer.serverTransactionCount()).isZero();
    }

    @Test
    void a_response_larger_than_the_bytes_the_answers_may_keep_is_kept_by_its_transaction() {
        h.layer.maxCompletedAnswers(16, 100);
        NonInviteServerTransaction tx = (NonInviteServerTransaction) answer(register("z9hG4bK-1"), UDP_PEER);
        assertThat(tx.state()).isEqualTo(NonInviteServerTransaction.State.COMPLETED);
        assertThat(h.layer.completedAnswers()).isZero();
    }

    @Test
    void an_accepted_INVITE_waits_out_Timer_L_in_full_and_a_full_weight_bound_still_refuses_with_503() {
        h.layer.maxServerTransactionWeight(InviteServerTransaction.WEIGHT);
        SipRequest invite = Messages.request("INVITE").branch("z9hG4bK-1").build();
        h.layer.onRequest(invite, UDP_PEER);
        h.user.last().sendResponse(Messages.response(invite, 200));
        h.advanceSeconds(10);

        h.layer.onRequest(register("z9hG4bK-2"), UDP_PEER);

        assertThat(h.user.requests).hasSize(1);
        assertThat(h.sender.statuses()).endsWith(503);
        assertThat(h.layer.refusedWhenFull()).isEqualTo(1);
    }

    private static SipRequest register(String branch) {
        return Messages.request("REGISTER").branch(branch).build();
    }

    private ServerTransaction answer(SipRequest request, Hop from) {
        h.layer.onRequest(request, from);
        ServerTransaction tx = h.user.last();
        tx.sendResponse(Messages.response(tx.request(), 200));
        return tx;
    }
}
