package org.sipsocial.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sipsocial.sip.transaction.Harness.TCP_PEER;
import static org.sipsocial.sip.transaction.Harness.UDP_PEER;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;
import org.sipsocial.sip.message.SipWriter;

/** The INVITE client transaction, RFC 3261 §17.1.1 with RFC 6026 §7.2, driven by time that tests move. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class InviteClientTransactionTest {
    private final Harness h = new Harness();
    private final SipRequest invite = Messages.invite();

    private InviteClientTransaction send(Hop hop) {
        return (InviteClientTransaction) h.layer.sendRequest(invite, hop, h.listener);
    }

    @Test
    void over_UDP_Timer_A_retransmits_at_T1_doubling_each_time_until_Timer_B_times_out_at_64_T1() {
        InviteClientTransaction tx = send(UDP_PEER);
        h.advanceSeconds(40);

        assertThat(h.sender.requestTimes("INVITE", h.start)).containsExactly(0L, 500L, 1500L, 3500L, 7500L, 15500L, 31500L);
        assertThat(h.listener.failures).containsExactly(TransactionFailure.TIMEOUT);
        assertThat(tx.state()).isEqualTo(InviteClientTransaction.State.TERMINATED);
        assertThat(h.layer.clientTransactionCount()).isZero();
        assertThat(h.listener.terminated).containsExactly(tx);
        assertThat(h.scheduler.pending()).isZero();
    }

    @Test
    void the_timeout_comes_exactly_at_64_T1() {
        send(UDP_PEER);
        h.advanceMillis(31_999);
        assertThat(h.listener.failures).isEmpty();
        h.advanceMillis(1);
        assertThat(h.listener.failures).containsExactly(TransactionFailure.TIMEOUT);
    }

    @Test
    void over_TCP_the_INVITE_is_sent_once_and_Timer_B_still_times_out() {
        send(TCP_PEER);
        h.advanceSeconds(31);
        assertThat(h.sender.requestTimes("INVITE", h.start)).containsExactly(0L);
        assertThat(h.listener.failures).isEmpty();
        h.advanceSeconds(1);
        assertThat(h.listener.failures).containsExactly(TransactionFailure.TIMEOUT);
    }

    @Test
    void a_provisional_response_stops_retransmissions_and_Timer_B() {
        InviteClientTransaction tx = send(UDP_PEER);
        h.advanceMillis(600);
        h.layer.onResponse(Messages.received(invite, 180), UDP_PEER);
        h.advanceSeconds(120);

        assertThat(h.sender.requestTimes("INVITE", h.start)).containsExactly(0L, 500L);
        assertThat(h.listener.statuses()).containsExactly(180);
        assertThat(h.listener.failures).isEmpty();
        assertThat(tx.state()).isEqualTo(InviteClientTransaction.State.PROCEEDING);
    }

    @Test
    void a_non_2xx_final_response_is_acknowledged_passed_to_the_core_and_its_retransmissions_are_acknowledged_until_Timer_D() {
        InviteClientTransaction tx = send(UDP_PEER);
        SipResponse busy = Messages.received(invite, 486);
        h.layer.onResponse(busy, UDP_PEER);
        assertThat(tx.state()).isEqualTo(InviteClientTransaction.State.COMPLETED);
        assertThat(h.listener.statuses()).containsExactly(486);
        assertThat(h.sender.requests("ACK")).hasSize(1);

        h.advanceSeconds(10);
        h.layer.onResponse(busy, UDP_PEER);
        assertThat(h.sender.requests("ACK")).hasSize(2);
        assertThat(h.listener.statuses()).as("retransmissions stay in the transaction").containsExactly(486);
        assertThat(h.sender.requestTimes("INVITE", h.start)).as("no INVITE retransmission after the final response")
                .containsExactly(0L);

        h.advanceSeconds(22);
        assertThat(tx.state()).isEqualTo(InviteClientTransaction.State.TERMINATED);
        assertThat(h.layer.clientTransactionCount()).isZero();
        assertThat(h.listener.failures).isEmpty();
    }

    @Test
    void in_Completed_over_UDP_it_keeps_the_INVITE_as_bytes_and_still_acknowledges_a_retransmitted_final_response() {
        InviteClientTransaction tx = send(UDP_PEER);
        SipResponse busy = Messages.received(invite, 486);
        h.layer.onResponse(busy, UDP_PEER);
        assertThat(tx.request).as("the parsed INVITE, let go for Timer D").isNull();

        h.layer.onResponse(busy, UDP_PEER);
        assertThat(h.sender.requests("ACK")).hasSize(2);
        assertThat(SipWriter.toBytes(h.sender.requests("ACK").get(1)))
                .isEqualTo(SipWriter.toBytes(h.sender.requests("ACK").get(0)));
        assertThat(SipWriter.toBytes(tx.request())).isEqualTo(SipWriter.toBytes(invite));
    }

    @Test
    void Timer_D_is_32_seconds_over_UDP() {
        InviteClientTransaction tx = send(UDP_PEER);
        h.layer.onResponse(Messages.received(invite, 486), UDP_PEER);
        h.advanceMillis(31_999);
        assertThat(tx.state()).isEqualTo(InviteClientTransaction.State.COMPLETED);
        h.advanceMillis(1);
        assertThat(tx.state()).isEqualTo(InviteClientTransaction.State.TERMINATED);
    }

    @Test
    void over_TCP_Timer_D_is_zero_so_the_transaction_ends_with_the_ACK() {
        InviteClientTransaction tx = send(TCP_PEER);
        h.layer.onResponse(Messages.received(invite, 486), TCP_PEER);
        assertThat(h.sender.requests("ACK")).hasSize(1);
        assertThat(tx.state()).isEqualTo(InviteClientTransaction.State.TERMINATED);
        assertThat(h.scheduler.pending()).isZero();
    }

    @Test
    void the_ACK_for_a_non_2xx_goes_to_the_same_hop_with_the_INVITEs_branch_and_the_responses_To_tag() {
        send(UDP_PEER);
        h.layer.onResponse(Messages.received(invite, 486), UDP_PEER);
        SipRequest ack = h.sender.requests("ACK").get(0);
        assertThat(h.sender.sent.get(h.sender.count() - 1).hop()).isEqualTo(UDP_PEER);
        assertThat(ack.topVia()).isEqualTo(invite.topVia());
        assertThat(ack.to().tag()).isEqualTo(Messages.UAS_TAG);
        assertThat(ack.cSeq().method()).isEqualTo("ACK");
    }

    @Test
    void a_2xx_moves_the_transaction_to_Accepted_and_every_2xx_until_Timer_M_reaches_the_core() {
        InviteClientTransaction tx = send(UDP_PEER);
        SipResponse ok = Messages.received(invite, 200);
        h.layer.onResponse(ok, UDP_PEER);
        assertThat(tx.state()).isEqualTo(InviteClientTransaction.State.ACCEPTED);
        assertThat(h.sender.requests("ACK")).as("the core acknowledges a 2xx, not the transaction").isEmpty();

        h.advanceSeconds(4);
        h.layer.onResponse(ok, UDP_PEER);
        h.advanceSeconds(16);
        h.layer.onResponse(ok, UDP_PEER);
        assertThat(h.listener.statuses()).containsExactly(200, 200, 200);
        assertThat(h.sender.requestTimes("INVITE", h.start)).containsExactly(0L);

        h.advanceSeconds(12);
        assertThat(tx.state()).as("Timer M is 64*T1").isEqualTo(InviteClientTransaction.State.TERMINATED);
        h.layer.onResponse(ok, UDP_PEER);
        assertThat(h.listener.statuses()).hasSize(3);
        assertThat(h.user.strays).as("after Timer M a 2xx matches nothing").hasSize(1);
    }

    @Test
    void the_ACK_of_its_2xx_sent_by_the_core_ends_Accepted_T4_later_and_2xx_still_reach_the_core_until_then() {
        InviteClientTransaction tx = send(UDP_PEER);
        SipResponse ok = Messages.received(invite, 200);
        h.layer.onResponse(ok, UDP_PEER);
        h.advanceSeconds(1);
        h.layer.sendAck(Messages.ackOf2xx().build(), UDP_PEER);

        assertThat(h.sender.requests("ACK")).hasSize(1);
        h.advanceMillis(4_999);
        h.layer.onResponse(ok, UDP_PEER);
        assertThat(h.listener.statuses()).containsExactly(200, 200);
        h.advanceMillis(1);
        assertThat(tx.state()).isEqualTo(InviteClientTransaction.State.TERMINATED);
        assertThat(h.layer.clientTransactionCount()).isZero();
    }

    @Test
    void an_ACK_with_another_To_tag_Call_ID_or_CSeq_leaves_Timer_M_at_64_T1() {
        InviteClientTransaction tx = send(UDP_PEER);
        h.layer.onResponse(Messages.received(invite, 200), UDP_PEER);
        h.layer.sendAck(Messages.ackOf2xx().toTag("another-fork").build(), UDP_PEER);
        h.layer.sendAck(Messages.ackOf2xx().callId("another-call").build(), UDP_PEER);
        h.layer.sendAck(Messages.ackOf2xx().cSeq(2).build(), UDP_PEER);
        h.advanceSeconds(31);
        assertThat(tx.state()).isEqualTo(InviteClientTransaction.State.ACCEPTED);
        h.advanceSeconds(1);
        assertThat(tx.state()).isEqualTo(InviteClientTransaction.State.TERMINATED);
    }

    @Test
    void Timer_M_runs_over_TCP_too() {
        InviteClientTransaction tx = send(TCP_PEER);
        h.layer.onResponse(Messages.received(invite, 200), TCP_PEER);
        h.advanceMillis(31_999);
        assertThat(tx.state()).isEqualTo(InviteClientTransaction.State.ACCEPTED);
        h.advanceMillis(1);
        assertThat(tx.state()).isEqualTo(InviteClientTransaction.State.TERMINATED);
    }

    @Test
    void a_transport_error_while_Calling_ends_the_transaction_and_tells_the_core() {
        InviteClientTransaction tx = send(UDP_PEER);
        h.layer.onTransportError(invite);
        assertThat(h.listener.failures).containsExactly(TransactionFailure.TRANSPORT_ERROR);
        assertThat(tx.isTerminated()).isTrue();
        assertThat(h.scheduler.pending()).isZero();
    }

    @Test
    void a_transport_error_on_the_ACK_while_Completed_ends_the_transaction() {
        InviteClientTransaction tx = send(UDP_PEER);
        h.layer.onResponse(Messages.received(invite, 486), UDP_PEER);
        h.layer.onTransportError(h.sender.requests("ACK").get(0));
        assertThat(h.listener.failures).containsExactly(TransactionFailure.TRANSPORT_ERROR);
        assertThat(tx.isTerminated()).isTrue();
    }

    @Test
    void state_names_are_the_RFCs() {
        InviteClientTransaction tx = send(UDP_PEER);
        assertThat(tx.stateName()).isEqualTo("Calling");
        h.layer.onResponse(Messages.received(invite, 180), UDP_PEER);
        assertThat(tx.stateName()).isEqualTo("Proceeding");
    }
}
