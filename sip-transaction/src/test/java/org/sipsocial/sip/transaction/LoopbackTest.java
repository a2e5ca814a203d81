package org.sipsocial.sip.transaction;

import org.sipsocial.sip.message.Requests;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.sipsocial.sip.message.SipMessage;
import org.sipsocial.sip.message.SipParser;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;
import org.sipsocial.sip.message.SipWriter;
import org.sipsocial.testkit.ManualScheduler;

/**
 * Two transaction layers, a client and a server, joined by an in-memory datagram wire that writes
 * and parses every message and can lose some: the transaction layer end to end, as a transport
 * adapter will drive it.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LoopbackTest {
    private static final Hop TO_SERVER = Hop.udp(new InetSocketAddress("192.0.2.20", 5060));
    private static final Hop TO_CLIENT = Hop.udp(new InetSocketAddress("192.0.2.10", 5060));

    private final ManualScheduler scheduler = new ManualScheduler();
    private final RecordingUser clientCore = new RecordingUser();
    private final RecordingUser serverCore = new RecordingUser();
    private final RecordingListener listener = new RecordingListener();
    private final List<String> wire = new ArrayList<>();
    private Predicate<SipMessage> lose = m -> false;
    private final TransactionLayer client;
    private final TransactionLayer server;

    LoopbackTest() {
        TimerService timers = (delay, task) -> scheduler.schedule(delay, task)::cancel;
        Layers layers = new Layers();
        client = new TransactionLayer(layers.clientSide, timers, TimerSettings.DEFAULTS, clientCore);
        server = new TransactionLayer(layers.serverSide, timers, TimerSettings.DEFAULTS, serverCore);
    }

    /** The wire: each side's sender writes bytes, the other side parses them. */
    private final class Layers {
        final Sender clientSide = new Sender() {
            @Override
            public void send(SipRequest request, Hop next) {
                SipMessage m = carry(request);
                if (m != null) server.onRequest((SipRequest) m, TO_CLIENT);
            }

            @Override
            public void sendResponse(SipResponse response, Hop requestSource) {
                SipMessage m = carry(response);
                if (m != null) server.onResponse((SipResponse) m, TO_CLIENT);
            }
        };
        final Sender serverSide = new Sender() {
            @Override
            public void send(SipRequest request, Hop next) {
                SipMessage m = carry(request);
                if (m != null) client.onRequest((SipRequest) m, TO_SERVER);
            }

            @Override
            public void sendResponse(SipResponse response, Hop requestSource) {
                SipMessage m = carry(response);
                if (m != null) client.onResponse((SipResponse) m, TO_SERVER);
            }
        };
    }

    private SipMessage carry(SipMessage m) {
        boolean lost = lose.test(m);
        wire.add((lost ? "lost " : "") + Effects.label(m));
        return lost ? null : SipParser.parse(SipWriter.toBytes(m)).message();
    }

    private static Predicate<SipMessage> first(String label, int times) {
        int[] left = {times};
        return m -> Effects.label(m).equals(label) && left[0]-- > 0;
    }

    @Test
    void a_rejected_INVITE_is_acknowledged_hop_by_hop_and_both_tables_empty_afterwards() {
        serverCore.answer = tx -> tx.sendResponse(Messages.response(tx.request(), 486));
        client.sendRequest(Messages.invite(), TO_SERVER, listener);

        assertThat(wire).containsExactly("INVITE", "100", "486", "ACK");
        assertThat(listener.statuses()).containsExactly(100, 486);
        assertThat(serverCore.requests.get(0).stateName()).isEqualTo("Confirmed");

        scheduler.advance(Duration.ofSeconds(40));
        assertThat(client.clientTransactionCount()).isZero();
        assertThat(server.serverTransactionCount()).isZero();
        assertThat(wire).hasSize(4);
    }

    @Test
    void a_lost_INVITE_and_a_lost_final_response_are_recovered_by_retransmission() {
        lose = first("INVITE", 1).or(first("486", 1));
        serverCore.answer = tx -> tx.sendResponse(Messages.response(tx.request(), 486));
        client.sendRequest(Messages.invite(), TO_SERVER, listener);
        scheduler.advance(Duration.ofSeconds(1));

        assertThat(wire).containsExactly("lost INVITE", "INVITE", "100", "lost 486", "486", "ACK");
        assertThat(listener.statuses()).containsExactly(100, 486);
        assertThat(serverCore.requests).hasSize(1);
    }

    @Test
    void a_lost_non_INVITE_request_is_retransmitted_and_its_retransmissions_answered_from_the_transaction() {
        lose = first("200", 1);
        serverCore.answer = tx -> tx.sendResponse(Messages.response(tx.request(), 200));
        client.sendRequest(Messages.options(), TO_SERVER, listener);
        scheduler.advance(Duration.ofSeconds(1));

        assertThat(wire).containsExactly("OPTIONS", "lost 200", "OPTIONS", "200");
        assertThat(listener.statuses()).containsExactly(200);
        assertThat(serverCore.requests).hasSize(1);
    }

    @Test
    void an_accepted_INVITE_leaves_the_ACK_to_the_cores_which_see_it_as_its_own_request() {
        serverCore.answer = tx -> tx.sendResponse(Messages.response(tx.request(), 200));
        client.sendRequest(Messages.invite(), TO_SERVER, listener);
        assertThat(listener.statuses()).containsExactly(100, 200);

        SipRequest ack = Messages.request("ACK").branch(Branch.create()).toTag(Messages.UAS_TAG).build();
        client.sendAck(ack, TO_SERVER);
        assertThat(serverCore.acks).hasSize(1);
        assertThat(wire).containsExactly("INVITE", "100", "200", "ACK");

        scheduler.advance(Duration.ofSeconds(32));
        assertThat(client.clientTransactionCount()).isZero();
        assertThat(server.serverTransactionCount()).isZero();
    }

    @Test
    void an_unanswered_INVITE_is_cancelled_and_the_server_answers_487() {
        SipRequest invite = Messages.invite();
        serverCore.answer = tx -> {
            if (tx.request().isMethod("CANCEL")) {
                tx.sendResponse(Messages.response(tx.request(), 200));
                tx.cancelTarget().orElseThrow().sendResponse(Messages.response(tx.cancelTarget().get().request(), 487));
            }
        };
        client.sendRequest(invite, TO_SERVER, listener);
        RecordingListener cancelListener = new RecordingListener();
        client.sendRequest(Requests.cancel(invite), TO_SERVER, cancelListener);

        // The 200 for the CANCEL leaves after the core's onRequest returns (its transaction is busy
        // until then), the 487 on the idle INVITE transaction at once: order across transactions is free.
        assertThat(wire).startsWith("INVITE", "100", "CANCEL").containsSubsequence("487", "ACK")
                .contains("200").hasSize(6);
        assertThat(cancelListener.statuses()).containsExactly(200);
        assertThat(listener.statuses()).containsExactly(100, 487);
    }
}
