package org.sipsocial.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sipsocial.sip.message.SipRequest;

/**
 * When answered transactions waiting out their timers fill the weight bound, the oldest answered non-INVITE ones that
 * have waited T4 (5 s) are retired before Timer J (32 s) to make room, instead of refusing the new request with 503
 * ({@link TransactionLayer#retireLingeringWhenFull}).
 */
class RetireWhenFullTest {
    private final Harness h = new Harness();

    @Test
    void when_answered_requests_fill_the_bound_the_oldest_that_waited_T4_is_retired_and_the_new_request_is_served() {
        h.layer.maxServerTransactionWeight(InviteServerTransaction.WEIGHT);
        for (int i = 1; i <= 4; i++) {
            answer(register("z9hG4bK-" + i));
            h.advanceSeconds(1);
        }
        h.advanceSeconds(4); // the first has waited 8 s, the second 7 s

        h.layer.onRequest(register("z9hG4bK-5"), Harness.UDP_PEER);

        assertThat(h.user.requests).as("the new request reached the core").hasSize(5);
        assertThat(h.sender.statuses()).doesNotContain(503);
        assertThat(h.layer.retiredEarly()).isEqualTo(1);
        assertThat(h.layer.serverTransactionCount()).isEqualTo(4);

        // The oldest is gone: its retransmission is a new request. The second still answers its own.
        h.layer.onRequest(register("z9hG4bK-2"), Harness.UDP_PEER);
        assertThat(h.user.requests).as("the second still lingers and absorbs its retransmission").hasSize(5);
        assertThat(h.sender.statuses()).containsExactly(200, 200, 200, 200, 200);
    }

    @Test
    void answered_requests_younger_than_T4_are_not_retired_and_the_new_request_gets_503() {
        h.layer.maxServerTransactionWeight(InviteServerTransaction.WEIGHT);
        for (int i = 1; i <= 4; i++) {
            answer(register("z9hG4bK-" + i));
        }
        h.advanceMillis(4_900);

        h.layer.onRequest(register("z9hG4bK-5"), Harness.UDP_PEER);

        assertThat(h.user.requests).hasSize(4);
        assertThat(h.sender.statuses()).containsExactly(200, 200, 200, 200, 503);
        assertThat(h.layer.retiredEarly()).isZero();
        assertThat(h.layer.refusedWhenFull()).isEqualTo(1);
    }

    @Test
    void an_accepted_INVITE_waits_out_Timer_L_in_full_even_when_it_fills_the_bound() {
        h.layer.maxServerTransactionWeight(InviteServerTransaction.WEIGHT);
        h.layer.onRequest(Messages.request("INVITE").branch("z9hG4bK-1").build(), Harness.UDP_PEER);
        h.user.requests.get(0).sendResponse(Messages.response(h.user.requests.get(0).request(), 200));
        h.advanceSeconds(10);

        h.layer.onRequest(register("z9hG4bK-2"), Harness.UDP_PEER);

        assertThat(h.user.requests).hasSize(1);
        assertThat(h.sender.statuses()).endsWith(503);
        assertThat(h.layer.retiredEarly()).isZero();
    }

    @Test
    void over_TCP_nothing_lingers_so_nothing_is_queued_for_retirement() {
        answer(register("z9hG4bK-1"), Harness.TCP_PEER);

        assertThat(h.layer.lingeringQueued()).isZero();
        assertThat(h.layer.serverTransactionCount()).isZero();
    }

    @Test
    void the_queue_of_lingering_transactions_empties_as_their_Timer_J_ends_them() {
        for (int i = 0; i < 1_000; i++) {
            answer(register("z9hG4bK-" + i));
        }
        assertThat(h.layer.lingeringQueued()).isEqualTo(1_000);
        h.advanceSeconds(33);

        answer(register("z9hG4bK-after"));

        assertThat(h.layer.serverTransactionCount()).isEqualTo(1);
        assertThat(h.layer.lingeringQueued()).isEqualTo(1);
    }

    private static SipRequest register(String branch) {
        return Messages.request("REGISTER").branch(branch).build();
    }

    private void answer(SipRequest request) {
        answer(request, Harness.UDP_PEER);
    }

    private void answer(SipRequest request, Hop from) {
        h.layer.onRequest(request, from);
        ServerTransaction tx = h.user.requests.get(h.user.requests.size() - 1);
        tx.sendResponse(Messages.response(tx.request(), 200));
    }
}
