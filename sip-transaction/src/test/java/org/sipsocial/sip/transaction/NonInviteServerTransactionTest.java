package org.sipsocial.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sipsocial.sip.transaction.Harness.TCP_PEER;
import static org.sipsocial.sip.transaction.Harness.UDP_PEER;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipWriter;

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
    void over_UDP_Timer_J_keeps_the_transaction_for_64_T1() {
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
    void while_Completed_over_UDP_it_keeps_no_parsed_message_and_still_answers_a_retransmission_with_the_same_bytes() {
        NonInviteServerTransaction tx = receive(UDP_PEER);
        tx.sendResponse(Messages.response(register, 200));

        assertThat(tx.request).as("the parsed request, let go while lingering").isNull();
        assertThat(tx.lastResponse).as("the parsed response, let go while lingering").isNull();
        h.layer.onRequest(register, UDP_PEER);

        assertThat(h.sender.statuses()).containsExactly(200, 200);
        assertThat(SipWriter.toBytes(h.sender.responses().get(1))).isEqualTo(SipWriter.toBytes(h.sender.responses().get(0)));
        assertThat(SipWriter.toBytes(tx.request())).isEqualTo(SipWriter.toBytes(register));
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
