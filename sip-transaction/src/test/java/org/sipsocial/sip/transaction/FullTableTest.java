package org.sipsocial.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sipsocial.sip.message.SipResponse;

/**
 * The table of server transactions is bounded twice: requests in progress (no final response yet), and transactions
 * in all, answered ones that wait out their timers included. Past either, a new request gets 503 with Retry-After,
 * with no state made.
 */
class FullTableTest {
    private final Harness h = new Harness();

    @Test
    void a_request_past_the_bound_is_answered_503_with_retry_after_and_never_reaches_the_core() {
        h.layer.maxServerTransactions(2);
        h.layer.onRequest(Messages.request("OPTIONS").branch("z9hG4bK-1").build(), Harness.UDP_PEER);
        h.layer.onRequest(Messages.request("INVITE").branch("z9hG4bK-2").build(), Harness.UDP_PEER);

        h.layer.onRequest(Messages.request("OPTIONS").branch("z9hG4bK-3").build(), Harness.UDP_PEER);

        assertThat(h.user.requests).hasSize(2);
        SipResponse refused = h.sender.responses().get(h.sender.responses().size() - 1);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.header("Retry-After").value()).isEqualTo("5");
        assertThat(refused.topVia().branch()).isEqualTo("z9hG4bK-3");
        assertThat(h.layer.serverTransactionCount()).isEqualTo(2);
        assertThat(h.layer.refusedWhenFull()).isEqualTo(1);
    }

    @Test
    void a_retransmission_of_a_live_transaction_still_reaches_it_when_the_table_is_full() {
        h.layer.maxServerTransactions(1);
        h.layer.onRequest(Messages.request("OPTIONS").branch("z9hG4bK-1").build(), Harness.UDP_PEER);

        h.layer.onRequest(Messages.request("OPTIONS").branch("z9hG4bK-1").build(), Harness.UDP_PEER);

        assertThat(h.layer.refusedWhenFull()).isZero();
        assertThat(h.sender.statuses()).doesNotContain(503);
    }

    @Test
    void room_comes_back_when_transactions_end() {
        h.layer.maxServerTransactions(1);
        h.layer.onRequest(Messages.request("OPTIONS").branch("z9hG4bK-1").build(), Harness.UDP_PEER);
        h.user.requests.get(0).sendResponse(Messages.response(h.user.requests.get(0).request(), 200));
        h.advanceSeconds(33);

        h.layer.onRequest(Messages.request("OPTIONS").branch("z9hG4bK-2").build(), Harness.UDP_PEER);

        assertThat(h.user.requests).hasSize(2);
        assertThat(h.layer.refusedWhenFull()).isZero();
    }

    @Test
    void answered_requests_leave_room_for_new_requests() {
        h.layer.maxServerTransactions(1);
        h.layer.onRequest(Messages.request("REGISTER").branch("z9hG4bK-1").build(), Harness.UDP_PEER);
        h.user.requests.get(0).sendResponse(Messages.response(h.user.requests.get(0).request(), 200));

        h.layer.onRequest(Messages.request("REGISTER").branch("z9hG4bK-2").build(), Harness.UDP_PEER);

        assertThat(h.user.requests).hasSize(2);
        assertThat(h.layer.refusedWhenFull()).isZero();
        assertThat(h.layer.serverTransactionCount()).as("the answered one left its answer and ended").isEqualTo(1);
        assertThat(h.layer.completedAnswers()).isEqualTo(1);
        assertThat(h.layer.serverTransactionsInProgress()).isEqualTo(1);
    }

    @Test
    void past_the_bound_on_the_weight_of_all_transactions_answered_INVITEs_included_a_new_request_gets_503() {
        h.layer.maxServerTransactionWeight(InviteServerTransaction.WEIGHT + 1);
        h.layer.onRequest(Messages.request("INVITE").branch("z9hG4bK-1").build(), Harness.UDP_PEER);
        h.user.requests.get(0).sendResponse(Messages.response(h.user.requests.get(0).request(), 200));
        h.layer.onRequest(Messages.request("REGISTER").branch("z9hG4bK-2").build(), Harness.UDP_PEER);

        h.layer.onRequest(Messages.request("REGISTER").branch("z9hG4bK-3").build(), Harness.UDP_PEER);

        assertThat(h.user.requests).as("an answered INVITE and a REGISTER in progress weigh the whole bound").hasSize(2);
        assertThat(h.sender.statuses()).containsExactly(100, 200, 503);
        assertThat(h.layer.refusedWhenFull()).isEqualTo(1);
    }

    @Test
    void a_request_that_ends_without_a_final_response_gives_its_room_back() {
        h.layer.maxServerTransactions(1);
        h.layer.onRequest(Messages.request("OPTIONS").branch("z9hG4bK-1").build(), Harness.UDP_PEER);
        h.user.requests.get(0).sendResponse(Messages.response(h.user.requests.get(0).request(), 100));
        h.layer.onTransportError(h.sender.responses().get(0));
        assertThat(h.layer.serverTransactionsInProgress()).isZero();

        h.layer.onRequest(Messages.request("OPTIONS").branch("z9hG4bK-2").build(), Harness.UDP_PEER);

        assertThat(h.user.requests).hasSize(2);
        assertThat(h.layer.refusedWhenFull()).isZero();
    }

    @Test
    void transactions_are_given_at_most_half_the_heap_within_the_two_defaults() {
        assertThat(TransactionLayer.weightBoundForHeap(512L << 20)).isEqualTo(131_072);
        assertThat(TransactionLayer.weightBoundForHeap(16L << 20)).isEqualTo(TransactionLayer.DEFAULT_MAX_SERVER_TRANSACTIONS);
        assertThat(TransactionLayer.weightBoundForHeap(8L << 30)).isEqualTo(TransactionLayer.DEFAULT_MAX_SERVER_TRANSACTION_WEIGHT);
    }

    @Test
    void the_answers_kept_for_retransmissions_are_given_a_sixth_of_the_heap() {
        assertThat(TransactionLayer.answerBytesForHeap(512L << 20)).isEqualTo((512L << 20) / 6);
    }

    @Test
    void the_answers_kept_for_retransmissions_are_one_per_4_kB_of_heap_within_bounds() {
        assertThat(TransactionLayer.answersForHeap(512L << 20)).as("32 s of Timer J at 4,096 a second").isEqualTo(131_072);
        assertThat(TransactionLayer.answersForHeap(1L << 20)).isEqualTo(1_024);
        assertThat(TransactionLayer.answersForHeap(1L << 40)).isEqualTo(CompletedAnswers.MAX_CAPACITY);
    }
}
