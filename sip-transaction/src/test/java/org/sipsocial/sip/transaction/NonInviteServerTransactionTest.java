package org.sipsocial.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sipsocial.sip.transaction.Harness.TCP_PEER;
import static org.sipsocial.sip.transaction.Harness.UDP_PEER;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.sipsocial.sip.message.SipRequest;

/** The non-INVITE server transaction, RFC 3261 §17.2.2. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class NonInviteServerTransactionTest {
    private final Harness h = new Harness();
    private final SipRequest register = Messages.request("REGISTER").build();

    private NonInviteServerTransaction receive(Hop from) {
        h.layer.onRequest(register, from);
        return (NonInviteServerTransaction) h.user.last();
    }

    @Test
    void a_request_reaches_the_core_once_and_nothing_is_sent_for_it_while_Trying() {
        NonInviteServerTransaction tx = receive(UDP_PEER);
        h.layer.onRequest(register, UDP_PEER);
        assertThat(h.user.requests).containsExactly(tx);
        assertThat(h.sender.count()).isZero();
        assertThat(tx.state()).isEqualTo(NonInviteServerTransaction.State.TRYING);
    }

    @Test
    void while_Proceeding_a_retransmission_gets_the_last_provisional_response() {
        NonInviteServerTransaction tx = receive(UDP_PEER);
        tx.sendResponse(Messages.response(register, 100));
        tx.sendResponse(Messages.response(register, 183));
        h.layer.onRequest(register, UDP_PEER);
        assertThat(h.sender.statuses()).containsExactly(100, 183, 183);
    }

    @Test
    void once_Completed_retransmissions_get_the_final_response_and_later_responses_from_the_core_are_discarded() {
        NonInviteServerTransaction tx = receive(UDP_PEER);
        tx.sendResponse(Messages.response(register, 200));
        tx.sendResponse(Messages.response(register, 500));
        tx.sendResponse(Messages.response(register, 100));
        h.layer.onRequest(register, UDP_PEER);
        assertThat(h.sender.statuses()).containsExactly(200, 200);
    }

    @Test
    void over_UDP_Timer_J_keeps_the_transaction_for_64_T1_when_it_waits_out_Timer_J_itself() {
        h.layer.maxCompletedAnswers(0, 0);
        NonInviteServerTransaction tx = receive(UDP_PEER);
        tx.sendResponse(Messages.response(register, 200));
        h.advanceMillis(31_999);
        assertThat(tx.state()).isEqualTo(NonInviteServerTransaction.State.COMPLETED);
        h.advanceMillis(1);
        assertThat(tx.state()).isEqualTo(NonInviteServerTransaction.State.TERMINATED);
        assertThat(h.layer.serverTransactionCount()).isZero();
        assertThat(h.user.terminated).containsExactly(tx);
    }

    @Test
    void over_UDP_the_transaction_ends_at_once_and_leaves_its_answer_for_64_T1_to_the_table() {
        NonInviteServerTransaction tx = receive(UDP_PEER);
        tx.sendResponse(Messages.response(register, 200));
        assertThat(tx.state()).isEqualTo(NonInviteServerTransaction.State.TERMINATED);
        assertThat(h.layer.completedAnswers()).isEqualTo(1);
        h.advanceMillis(31_999);
        h.layer.onRequest(register, UDP_PEER);
        assertThat(h.sender.statuses()).containsExactly(200, 200);
    }

    @Test
    void over_TCP_Timer_J_is_zero() {
        NonInviteServerTransaction tx = receive(TCP_PEER);
        tx.sendResponse(Messages.response(register, 200));
        assertThat(tx.isTerminated()).isTrue();
        assertThat(h.scheduler.pending()).isZero();
    }

    @Test
    void a_transport_error_while_Completed_ends_the_transaction_and_tells_the_core() {
        h.layer.maxCompletedAnswers(0, 0);
        NonInviteServerTransaction tx = receive(UDP_PEER);
        tx.sendResponse(Messages.response(register, 200));
        h.layer.onTransportError(h.sender.responses().get(0));
        assertThat(tx.isTerminated()).isTrue();
        assertThat(h.user.failures).containsExactly(new RecordingUser.Failure(tx, TransactionFailure.TRANSPORT_ERROR));
    }

    @Test
    void the_response_goes_back_towards_where_the_request_came_from() {
        NonInviteServerTransaction tx = receive(TCP_PEER);
        tx.sendResponse(Messages.response(register, 200));
        assertThat(h.sender.sent.get(0).hop()).isEqualTo(TCP_PEER);
    }
}
