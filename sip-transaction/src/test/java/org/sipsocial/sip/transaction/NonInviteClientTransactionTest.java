package org.sipsocial.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sipsocial.sip.transaction.Harness.TCP_PEER;
import static org.sipsocial.sip.transaction.Harness.UDP_PEER;

import java.time.Duration;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;
import org.sipsocial.sip.message.SipWriter;

/** The non-INVITE client transaction, RFC 3261 §17.1.2. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class NonInviteClientTransactionTest {
    private final Harness h = new Harness();
    private final SipRequest options = Messages.options();

    private NonInviteClientTransaction send(Hop hop) {
        return (NonInviteClientTransaction) h.layer.sendRequest(options, hop, h.listener);
    }

    @Test
    void over_UDP_Timer_E_doubles_from_T1_up_to_T2_while_Trying_until_Timer_F_times_out_at_64_T1() {
        NonInviteClientTransaction tx = send(UDP_PEER);
        h.advanceSeconds(40);

        assertThat(h.sender.requestTimes("OPTIONS", h.start))
                .containsExactly(0L, 500L, 1500L, 3500L, 7500L, 11500L, 15500L, 19500L, 23500L, 27500L, 31500L);
        assertThat(h.listener.failures).containsExactly(TransactionFailure.TIMEOUT);
        assertThat(tx.isTerminated()).isTrue();
        assertThat(h.layer.clientTransactionCount()).isZero();
        assertThat(h.scheduler.pending()).isZero();
    }

    @Test
    void while_Proceeding_Timer_E_retransmits_every_T2() {
        NonInviteClientTransaction tx = send(UDP_PEER);
        h.advanceMillis(100);
        h.layer.onResponse(Messages.received(options, 100), UDP_PEER);
        assertThat(tx.state()).isEqualTo(NonInviteClientTransaction.State.PROCEEDING);
        h.advanceSeconds(13);

        assertThat(h.sender.requestTimes("OPTIONS", h.start)).containsExactly(0L, 500L, 4500L, 8500L, 12500L);
        assertThat(h.listener.statuses()).containsExactly(100);
    }

    @Test
    void Timer_F_times_out_while_Proceeding_too() {
        send(UDP_PEER);
        h.layer.onResponse(Messages.received(options, 100), UDP_PEER);
        h.advanceMillis(31_999);
        assertThat(h.listener.failures).isEmpty();
        h.advanceMillis(1);
        assertThat(h.listener.failures).containsExactly(TransactionFailure.TIMEOUT);
    }

    @Test
    void a_raised_T1_and_a_lower_T2_change_the_schedule() {
        Harness slow = new Harness(new TimerSettings(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5)));
        slow.layer.sendRequest(options, UDP_PEER, slow.listener);
        slow.advanceSeconds(10);
        assertThat(slow.sender.requestTimes("OPTIONS", slow.start)).containsExactly(0L, 1000L, 3000L, 5000L, 7000L, 9000L);
    }

    @Test
    void a_final_response_goes_to_the_core_once_and_Timer_K_absorbs_its_retransmissions_for_T4() {
        NonInviteClientTransaction tx = send(UDP_PEER);
        SipResponse ok = Messages.received(options, 200);
        h.layer.onResponse(ok, UDP_PEER);
        assertThat(tx.state()).isEqualTo(NonInviteClientTransaction.State.COMPLETED);
        h.advanceSeconds(2);
        h.layer.onResponse(ok, UDP_PEER);
        assertThat(h.listener.statuses()).containsExactly(200);
        assertThat(h.sender.requestTimes("OPTIONS", h.start)).as("no retransmission once Completed").containsExactly(0L);

        h.advanceMillis(2_999);
        assertThat(tx.state()).isEqualTo(NonInviteClientTransaction.State.COMPLETED);
        h.advanceMillis(1);
        assertThat(tx.state()).isEqualTo(NonInviteClientTransaction.State.TERMINATED);
        assertThat(h.listener.failures).isEmpty();
    }

    @Test
    void in_Completed_over_UDP_it_keeps_the_request_as_bytes_only_and_the_core_still_gets_it() {
        NonInviteClientTransaction tx = send(UDP_PEER);
        assertThat(tx.request).as("kept parsed while Timer E may resend it").isSameAs(options);
        h.layer.onResponse(Messages.received(options, 200), UDP_PEER);

        assertThat(tx.state()).isEqualTo(NonInviteClientTransaction.State.COMPLETED);
        assertThat(tx.request).as("the parsed request, let go for Timer K").isNull();
        assertThat(SipWriter.toBytes(tx.request())).isEqualTo(SipWriter.toBytes(options));
    }

    @Test
    void over_TCP_the_request_is_sent_once_and_Timer_K_is_zero() {
        NonInviteClientTransaction tx = send(TCP_PEER);
        h.advanceSeconds(20);
        assertThat(h.sender.requestTimes("OPTIONS", h.start)).containsExactly(0L);
        h.layer.onResponse(Messages.received(options, 404), TCP_PEER);
        assertThat(h.listener.statuses()).containsExactly(404);
        assertThat(tx.isTerminated()).isTrue();
        assertThat(h.scheduler.pending()).isZero();
    }

    @Test
    void a_transport_error_ends_the_transaction_and_tells_the_core() {
        NonInviteClientTransaction tx = send(UDP_PEER);
        h.layer.onTransportError(options);
        assertThat(h.listener.failures).containsExactly(TransactionFailure.TRANSPORT_ERROR);
        assertThat(tx.isTerminated()).isTrue();
        assertThat(h.listener.terminated).containsExactly(tx);
    }

    @Test
    void the_timeout_is_reported_as_the_408_the_core_acts_on() {
        assertThat(TransactionFailure.TIMEOUT.status()).isEqualTo(408);
        assertThat(TransactionFailure.TRANSPORT_ERROR.status()).isEqualTo(503);
    }
}
