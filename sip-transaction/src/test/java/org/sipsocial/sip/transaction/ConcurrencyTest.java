package org.sipsocial.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sipsocial.sip.transaction.Harness.UDP_PEER;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.sipsocial.sip.message.SipRequest;

/** The transport calls in from several event-loop threads at once. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConcurrencyTest {

    @Test
    void copies_of_one_request_arriving_on_several_threads_at_once_make_one_transaction() throws InterruptedException {
        for (int round = 0; round < 50; round++) {
            Harness h = new Harness();
            SipRequest invite = Messages.request("INVITE").branch("z9hG4bK-race-" + round).build();
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread thread = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    for (int i = 0; i < 5; i++) h.layer.onRequest(invite, UDP_PEER);
                });
                threads.add(thread);
                thread.start();
            }
            go.countDown();
            for (Thread thread : threads) thread.join();

            assertThat(h.user.requests).hasSize(1);
            assertThat(h.layer.serverTransactionCount()).isEqualTo(1);
            assertThat(h.sender.statuses()).as("100 Trying, then once per retransmission").hasSize(20).containsOnly(100);
        }
    }

    @Test
    void many_transactions_on_many_threads_all_leave_the_table_and_their_answers_serve_retransmissions_from_many_threads()
            throws InterruptedException {
        Harness h = new Harness();
        h.user.answer = tx -> tx.sendResponse(Messages.response(tx.request(), 200));
        onThreads(h);
        assertThat(h.user.requests).hasSize(1000);
        assertThat(h.layer.serverTransactionCount()).as("answered over UDP: their answers stay, they end").isZero();
        assertThat(h.user.terminated).hasSize(1000);
        assertThat(h.layer.completedAnswers()).isEqualTo(1000);

        onThreads(h);
        assertThat(h.user.requests).as("every retransmission answered from what is kept").hasSize(1000);
        assertThat(h.sender.statuses()).hasSize(2000).containsOnly(200);
        h.advanceSeconds(33);
        h.layer.onRequest(Messages.request("MESSAGE").branch("z9hG4bK-after").build(), UDP_PEER);
        assertThat(h.layer.completedAnswers()).as("Timer J passed for all the others").isEqualTo(1);
    }

    /** 4 threads, each sending 250 MESSAGE requests of its own. */
    private static void onThreads(Harness h) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            Thread th = new Thread(() -> {
                for (int i = 0; i < 250; i++) {
                    h.layer.onRequest(Messages.request("MESSAGE").branch("z9hG4bK-" + thread + "-" + i)
                            .callId("c-" + thread + "-" + i).build(), UDP_PEER);
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) th.join();
    }
}
