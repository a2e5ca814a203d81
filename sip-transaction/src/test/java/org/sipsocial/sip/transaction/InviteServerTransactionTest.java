package org.sipsocial.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sipsocial.sip.transaction.Harness.TCP_PEER;
import static org.sipsocial.sip.transaction.Harness.UDP_PEER;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipWriter;

/** The INVITE server transaction, RFC 3261 §17.2.1 with RFC 6026 §7.1. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class InviteServerTransactionTest {
    private final Harness h = new Harness();
    private final SipRequest invite = Messages.invite();

    private InviteServerTransaction receive(Hop from) {
        h.layer.onRequest(invite, from);
        return (InviteServerTransaction) h.user.last();
    }

    private SipRequest ackForNon2xx() {
        return Messages.request("ACK").toTag(Messages.UAS_TAG).build();
    }

    @Test
    void an_INVITE_is_answered_with_100_Trying_at_once_and_passed_to_the_core() {
        InviteServerTransaction tx = receive(UDP_PEER);
        assertThat(h.sender.statuses()).containsExactly(100);
        assertThat(h.sender.responses().get(0).to().tag()).as("no To tag on 100").isNull();
        assertThat(h.user.requests).containsExactly(tx);
        assertThat(tx.request()).isSameAs(invite);
        assertThat(tx.source()).isEqualTo(UDP_PEER);
        assertThat(tx.state()).isEqualTo(InviteServerTransaction.State.PROCEEDING);
    }

    @Test
    void a_retransmitted_INVITE_while_Proceeding_gets_the_last_provisional_response_and_does_not_reach_the_core() {
        InviteServerTransaction tx = receive(UDP_PEER);
        tx.sendResponse(Messages.response(invite, 180));
        h.layer.onRequest(invite, UDP_PEER);
        assertThat(h.sender.statuses()).containsExactly(100, 180, 180);
        assertThat(h.user.requests).hasSize(1);
    }

    @Test
    void over_UDP_a_non_2xx_is_retransmitted_on_Timer_G_doubling_up_to_T2_until_the_ACK() {
        InviteServerTransaction tx = receive(UDP_PEER);
        tx.sendResponse(Messages.response(invite, 486));
        h.advanceMillis(16_000);
        assertThat(h.sender.responseTimes(486, h.start)).containsExactly(0L, 500L, 1500L, 3500L, 7500L, 11500L, 15500L);

        h.layer.onRequest(ackForNon2xx(), UDP_PEER);
        assertThat(tx.state()).isEqualTo(InviteServerTransaction.State.CONFIRMED);
        h.advanceSeconds(4);
        assertThat(h.sender.responseTimes(486, h.start)).as("the ACK stops Timer G").hasSize(7);
        assertThat(h.user.acks).as("the ACK for a non-2xx stays in the transaction").isEmpty();
    }

    @Test
    void without_an_ACK_Timer_H_gives_up_after_64_T1_and_tells_the_core() {
        InviteServerTransaction tx = receive(UDP_PEER);
        tx.sendResponse(Messages.response(invite, 486));
        h.advanceMillis(31_999);
        assertThat(tx.state()).isEqualTo(InviteServerTransaction.State.COMPLETED);
        h.advanceMillis(1);
        assertThat(tx.state()).isEqualTo(InviteServerTransaction.State.TERMINATED);
        assertThat(h.user.failures).containsExactly(new RecordingUser.Failure(tx, TransactionFailure.NO_ACK));
        assertThat(h.sender.responseTimes(486, h.start))
                .containsExactly(0L, 500L, 1500L, 3500L, 7500L, 11500L, 15500L, 19500L, 23500L, 27500L, 31500L);
        assertThat(h.layer.serverTransactionCount()).isZero();
        assertThat(h.scheduler.pending()).isZero();
    }

    @Test
    void a_retransmitted_INVITE_while_Completed_gets_the_final_response_again() {
        InviteServerTransaction tx = receive(UDP_PEER);
        tx.sendResponse(Messages.response(invite, 486));
        h.layer.onRequest(invite, UDP_PEER);
        assertThat(h.sender.statuses()).containsExactly(100, 486, 486);
    }

    @Test
    void once_Confirmed_further_ACKs_and_INVITEs_are_absorbed_and_Timer_I_ends_the_transaction_after_T4() {
        InviteServerTransaction tx = receive(UDP_PEER);
        tx.sendResponse(Messages.response(invite, 486));
        h.layer.onRequest(ackForNon2xx(), UDP_PEER);
        int sent = h.sender.count();
        h.layer.onRequest(ackForNon2xx(), UDP_PEER);
        h.layer.onRequest(invite, UDP_PEER);
        assertThat(h.sender.count()).isEqualTo(sent);
        assertThat(h.user.acks).isEmpty();
        assertThat(h.user.requests).hasSize(1);

        h.advanceMillis(4_999);
        assertThat(tx.state()).isEqualTo(InviteServerTransaction.State.CONFIRMED);
        h.advanceMillis(1);
        assertThat(tx.state()).isEqualTo(InviteServerTransaction.State.TERMINATED);
        assertThat(h.user.failures).isEmpty();
    }

    @Test
    void once_Confirmed_over_UDP_it_keeps_no_parsed_message_and_the_core_still_gets_the_INVITE_it_asks_for() {
        InviteServerTransaction tx = receive(UDP_PEER);
        tx.sendResponse(Messages.response(invite, 486));
        assertThat(tx.lastResponse).as("kept while Completed, which resends it").isNotNull();
        h.layer.onRequest(ackForNon2xx(), UDP_PEER);

        assertThat(tx.state()).isEqualTo(InviteServerTransaction.State.CONFIRMED);
        assertThat(tx.request).as("the parsed INVITE, let go for Timer I").isNull();
        assertThat(tx.lastResponse).as("the parsed 486, let go for Timer I").isNull();
        assertThat(SipWriter.toBytes(tx.request())).isEqualTo(SipWriter.toBytes(invite));
    }

    @Test
    void over_TCP_a_non_2xx_is_sent_once_and_Timer_I_is_zero() {
        InviteServerTransaction tx = receive(TCP_PEER);
        tx.sendResponse(Messages.response(invite, 486));
        h.advanceSeconds(10);
        assertThat(h.sender.responseTimes(486, h.start)).containsExactly(0L);
        h.layer.onRequest(ackForNon2xx(), TCP_PEER);
        assertThat(tx.state()).isEqualTo(InviteServerTransaction.State.TERMINATED);
    }

    @Test
    void over_TCP_Timer_H_still_runs() {
        InviteServerTransaction tx = receive(TCP_PEER);
        tx.sendResponse(Messages.response(invite, 486));
        h.advanceSeconds(32);
        assertThat(tx.state()).isEqualTo(InviteServerTransaction.State.TERMINATED);
        assertThat(h.user.failures).extracting(RecordingUser.Failure::failure).containsExactly(TransactionFailure.NO_ACK);
    }

    @Test
    void a_2xx_from_the_core_moves_the_transaction_to_Accepted_where_retransmitted_INVITEs_are_absorbed() {
        InviteServerTransaction tx = receive(UDP_PEER);
        tx.sendResponse(Messages.response(invite, 200));
        assertThat(tx.state()).isEqualTo(InviteServerTransaction.State.ACCEPTED);
        h.layer.onRequest(invite, UDP_PEER);
        h.advanceSeconds(2);
        h.layer.onRequest(invite, UDP_PEER);
        assertThat(h.sender.statuses()).as("the transaction never retransmits a 2xx itself").containsExactly(100, 200);
        assertThat(h.user.requests).as("not a new request for the core").hasSize(1);
    }

    @Test
    void in_Accepted_it_keeps_no_parsed_message_and_the_core_still_gets_the_INVITE_it_asks_for() {
        InviteServerTransaction tx = receive(UDP_PEER);
        tx.sendResponse(Messages.response(invite, 200));
        tx.sendResponse(Messages.response(invite, 200));

        assertThat(tx.request).as("the parsed INVITE, let go for Timer L").isNull();
        assertThat(tx.lastResponse).as("the parsed 2xx, let go for Timer L").isNull();
        assertThat(SipWriter.toBytes(tx.request())).isEqualTo(SipWriter.toBytes(invite));
        assertThat(h.sender.statuses()).containsExactly(100, 200, 200);
    }

    @Test
    void in_Accepted_the_cores_own_2xx_retransmissions_are_sent() {
        InviteServerTransaction tx = receive(UDP_PEER);
        tx.sendResponse(Messages.response(invite, 200));
        h.advanceMillis(500);
        tx.sendResponse(Messages.response(invite, 200));
        h.advanceMillis(1000);
        tx.sendResponse(Messages.response(invite, 200));
        assertThat(h.sender.responseTimes(200, h.start)).containsExactly(0L, 500L, 1500L);
    }

    @Test
    void in_Accepted_a_provisional_or_non_2xx_from_the_core_is_dropped() {
        InviteServerTransaction tx = receive(UDP_PEER);
        tx.sendResponse(Messages.response(invite, 200));
        tx.sendResponse(Messages.response(invite, 180));
        tx.sendResponse(Messages.response(invite, 486));
        assertThat(h.sender.statuses()).containsExactly(100, 200);
    }

    @Test
    void an_ACK_reaching_an_Accepted_transaction_goes_to_the_core() {
        SipRequest legacyInvite = Messages.request("INVITE").branch("1").build();
        h.layer.onRequest(legacyInvite, UDP_PEER);
        ServerTransaction tx = h.user.last();
        tx.sendResponse(Messages.response(legacyInvite, 200));
        SipRequest ack = Messages.request("ACK").branch("1").build();
        h.layer.onRequest(ack, UDP_PEER);
        assertThat(h.user.acks).containsExactly(ack);
        assertThat(tx.stateName()).isEqualTo("Accepted");
    }

    @Test
    void Timer_L_ends_the_Accepted_transaction_after_64_T1_over_any_transport() {
        for (Hop hop : new Hop[] {UDP_PEER, TCP_PEER}) {
            Harness fresh = new Harness();
            fresh.layer.onRequest(invite, hop);
            ServerTransaction tx = fresh.user.last();
            tx.sendResponse(Messages.response(invite, 200));
            fresh.advanceMillis(31_999);
            assertThat(tx.stateName()).isEqualTo("Accepted");
            fresh.advanceMillis(1);
            assertThat(tx.isTerminated()).isTrue();
            assertThat(fresh.user.terminated).containsExactly(tx);
            assertThat(fresh.user.failures).isEmpty();
        }
    }

    @Test
    void the_ACK_of_its_2xx_going_by_ends_the_Accepted_transaction_T4_later_instead_of_64_T1() {
        InviteServerTransaction tx = receive(UDP_PEER);
        tx.sendResponse(Messages.response(invite, 200));
        h.advanceSeconds(1);
        h.layer.onRequest(Messages.ackOf2xx().build(), UDP_PEER);

        assertThat(h.user.acks).as("the ACK of a 2xx still goes to the core").hasSize(1);
        h.advanceMillis(4_999);
        assertThat(tx.state()).isEqualTo(InviteServerTransaction.State.ACCEPTED);
        h.layer.onRequest(invite, UDP_PEER);
        assertThat(h.user.requests).as("a late INVITE is still absorbed").hasSize(1);
        h.advanceMillis(1);
        assertThat(tx.isTerminated()).isTrue();
        assertThat(h.layer.serverTransactionCount()).isZero();
    }

    @Test
    void an_ACK_of_another_dialog_or_request_leaves_Timer_L_at_64_T1() {
        InviteServerTransaction tx = receive(UDP_PEER);
        tx.sendResponse(Messages.response(invite, 200));
        h.layer.onRequest(Messages.ackOf2xx().callId("another-call").build(), UDP_PEER);
        h.layer.onRequest(Messages.ackOf2xx().fromTag("another-caller").build(), UDP_PEER);
        h.layer.onRequest(Messages.ackOf2xx().cSeq(2).build(), UDP_PEER);
        h.advanceSeconds(31);
        assertThat(tx.state()).isEqualTo(InviteServerTransaction.State.ACCEPTED);
        h.advanceSeconds(1);
        assertThat(tx.isTerminated()).isTrue();
    }

    @Test
    void a_second_ACK_does_not_push_the_end_of_Accepted_further() {
        InviteServerTransaction tx = receive(UDP_PEER);
        tx.sendResponse(Messages.response(invite, 200));
        h.layer.onRequest(Messages.ackOf2xx().build(), UDP_PEER);
        h.advanceSeconds(4);
        h.layer.onRequest(Messages.ackOf2xx().build(), UDP_PEER);
        h.advanceSeconds(1);
        assertThat(tx.isTerminated()).isTrue();
    }

    @Test
    void after_Timer_L_a_retransmitted_INVITE_would_be_a_new_request() {
        InviteServerTransaction tx = receive(UDP_PEER);
        tx.sendResponse(Messages.response(invite, 200));
        h.advanceSeconds(32);
        h.layer.onRequest(invite, UDP_PEER);
        assertThat(h.user.requests).hasSize(2);
    }

    @Test
    void a_transport_error_tells_the_core_and_leaves_the_state_as_RFC_6026_draws_it() {
        InviteServerTransaction tx = receive(UDP_PEER);
        h.layer.onTransportError(h.sender.responses().get(0));
        assertThat(tx.state()).isEqualTo(InviteServerTransaction.State.PROCEEDING);

        tx.sendResponse(Messages.response(invite, 486));
        h.layer.onTransportError(h.sender.responses().get(1));
        assertThat(tx.state()).isEqualTo(InviteServerTransaction.State.COMPLETED);
        h.layer.onRequest(invite, UDP_PEER);
        assertThat(h.sender.statuses()).as("still answers retransmissions").containsExactly(100, 486, 486);
        assertThat(h.user.failures).extracting(RecordingUser.Failure::failure)
                .containsExactly(TransactionFailure.TRANSPORT_ERROR, TransactionFailure.TRANSPORT_ERROR);
    }

    @Test
    void a_transport_error_on_a_2xx_keeps_the_transaction_Accepted_so_retransmitted_INVITEs_stay_absorbed() {
        InviteServerTransaction tx = receive(UDP_PEER);
        tx.sendResponse(Messages.response(invite, 200));
        h.layer.onTransportError(h.sender.responses().get(1));
        h.layer.onRequest(invite, UDP_PEER);
        assertThat(tx.state()).isEqualTo(InviteServerTransaction.State.ACCEPTED);
        assertThat(h.user.requests).hasSize(1);
        assertThat(h.user.failures).extracting(RecordingUser.Failure::failure)
                .containsExactly(TransactionFailure.TRANSPORT_ERROR);
    }

    @Test
    void the_core_may_answer_from_inside_onRequest() {
        h.user.answer = tx -> tx.sendResponse(Messages.response(tx.request(), 486));
        h.layer.onRequest(invite, UDP_PEER);
        assertThat(h.sender.statuses()).containsExactly(100, 486);
        assertThat(h.user.last().stateName()).isEqualTo("Completed");
    }
}
