package org.sipsocial.sip.transaction;

import org.sipsocial.sip.message.Requests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sipsocial.sip.transaction.Harness.UDP_PEER;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;

/**
 * Which transaction a message belongs to: RFC 3261 §17.2.3 (server, with the RFC 2543 fallback),
 * §17.1.3 (client), §8.2.2.2 (merged requests), §9.2 (CANCEL).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MatchingTest {
    private final Harness h = new Harness();

    @Nested
    class Server_side_with_the_magic_cookie {
        @Test
        void the_same_branch_sent_by_and_method_is_a_retransmission() {
            h.layer.onRequest(Messages.options(), UDP_PEER);
            h.layer.onRequest(Messages.options(), UDP_PEER);
            assertThat(h.user.requests).hasSize(1);
            assertThat(h.layer.serverTransactionCount()).isEqualTo(1);
        }

        @Test
        void the_branch_compares_case_insensitively() {
            h.layer.onRequest(Messages.request("OPTIONS").branch("z9hG4bK-AbC").build(), UDP_PEER);
            h.layer.onRequest(Messages.request("OPTIONS").branch("z9hG4bK-aBc").build(), UDP_PEER);
            assertThat(h.user.requests).hasSize(1);
        }

        @Test
        void the_same_branch_from_another_sent_by_is_another_transaction() {
            h.layer.onRequest(Messages.options(), UDP_PEER);
            h.layer.onRequest(Messages.request("OPTIONS").sentBy("192.0.2.11:5060").fromTag("other").build(), UDP_PEER);
            assertThat(h.user.requests).hasSize(2);
        }

        @Test
        void the_same_branch_with_another_method_is_another_transaction() {
            h.layer.onRequest(Messages.options(), UDP_PEER);
            h.layer.onRequest(Messages.request("INFO").build(), UDP_PEER);
            assertThat(h.user.requests).hasSize(2);
        }

        @Test
        void other_fields_do_not_matter_once_the_branch_has_the_cookie() {
            h.layer.onRequest(Messages.options(), UDP_PEER);
            h.layer.onRequest(Messages.request("OPTIONS").requestUri("sip:carol@example.com").callId("x").build(), UDP_PEER);
            assertThat(h.user.requests).hasSize(1);
        }

        @Test
        void the_ACK_for_a_non_2xx_carries_the_INVITEs_branch_and_is_absorbed() {
            h.layer.onRequest(Messages.invite(), UDP_PEER);
            h.user.last().sendResponse(Messages.response(Messages.invite(), 486));
            h.layer.onRequest(Messages.request("ACK").toTag(Messages.UAS_TAG).build(), UDP_PEER);
            assertThat(h.user.acks).isEmpty();
            assertThat(h.user.last().stateName()).isEqualTo("Confirmed");
        }

        @Test
        void the_ACK_for_a_2xx_has_a_branch_of_its_own_and_goes_to_the_core() {
            h.layer.onRequest(Messages.invite(), UDP_PEER);
            h.user.last().sendResponse(Messages.response(Messages.invite(), 200));
            SipRequest ack = Messages.request("ACK").branch("z9hG4bK-ack-2").toTag(Messages.UAS_TAG).build();
            h.layer.onRequest(ack, UDP_PEER);
            assertThat(h.user.acks).containsExactly(ack);
            assertThat(h.user.requests).as("an ACK never creates a transaction").hasSize(1);
        }

        @Test
        void an_ACK_that_matches_nothing_goes_to_the_core() {
            SipRequest ack = Messages.request("ACK").toTag("t").build();
            h.layer.onRequest(ack, UDP_PEER);
            assertThat(h.user.acks).containsExactly(ack);
            assertThat(h.layer.serverTransactionCount()).isZero();
        }
    }

    @Nested
    class Server_side_for_RFC_2543_requests_without_the_cookie {
        private Messages legacy(String method) {
            return Messages.request(method).branch(null);
        }

        @Test
        void a_request_with_the_same_Request_URI_tags_Call_ID_CSeq_and_top_Via_is_a_retransmission() {
            h.layer.onRequest(legacy("INVITE").build(), UDP_PEER);
            h.layer.onRequest(legacy("INVITE").build(), UDP_PEER);
            assertThat(h.user.requests).hasSize(1);
            assertThat(h.sender.statuses()).containsExactly(100, 100);
        }

        @Test
        void any_difference_in_those_fields_makes_a_new_transaction() {
            h.layer.onRequest(legacy("OPTIONS").build(), UDP_PEER);
            h.layer.onRequest(legacy("OPTIONS").requestUri("sip:carol@example.com").build(), UDP_PEER);
            h.layer.onRequest(legacy("OPTIONS").callId("call-2").build(), UDP_PEER);
            h.layer.onRequest(legacy("OPTIONS").cSeq(2).build(), UDP_PEER);
            h.layer.onRequest(legacy("OPTIONS").fromTag("from-2").build(), UDP_PEER);
            h.layer.onRequest(legacy("OPTIONS").toTag("to-2").build(), UDP_PEER);
            h.layer.onRequest(legacy("OPTIONS").sentBy("192.0.2.99").build(), UDP_PEER);
            assertThat(h.user.requests).hasSize(7);
        }

        @Test
        void a_branch_without_the_cookie_is_compared_as_part_of_the_top_Via() {
            h.layer.onRequest(legacy("OPTIONS").branch("1").build(), UDP_PEER);
            h.layer.onRequest(legacy("OPTIONS").branch("2").build(), UDP_PEER);
            assertThat(h.user.requests).hasSize(2);
        }

        @Test
        void the_ACK_matches_with_the_To_tag_of_the_response_the_transaction_sent() {
            SipRequest invite = legacy("INVITE").build();
            h.layer.onRequest(invite, UDP_PEER);
            ServerTransaction tx = h.user.last();
            tx.sendResponse(Messages.response(invite, 486));
            h.layer.onRequest(legacy("ACK").toTag("another-tag").build(), UDP_PEER);
            assertThat(h.user.acks).as("an ACK with another To tag is not this transaction's").hasSize(1);
            assertThat(tx.stateName()).isEqualTo("Completed");

            h.layer.onRequest(legacy("ACK").toTag(Messages.UAS_TAG).build(), UDP_PEER);
            assertThat(tx.stateName()).isEqualTo("Confirmed");
            assertThat(h.user.acks).hasSize(1);
        }

        @Test
        void the_second_key_leaves_the_table_with_the_transaction() {
            SipRequest invite = legacy("INVITE").build();
            h.layer.onRequest(invite, UDP_PEER);
            h.user.last().sendResponse(Messages.response(invite, 486));
            h.advanceSeconds(40);
            assertThat(h.layer.serverTransactionCount()).isZero();
            h.layer.onRequest(legacy("ACK").toTag(Messages.UAS_TAG).build(), UDP_PEER);
            assertThat(h.user.acks).hasSize(1);
        }
    }

    @Nested
    class Merged_requests {
        @Test
        void a_request_without_To_tag_matching_an_ongoing_transactions_From_tag_Call_ID_and_CSeq_but_not_its_branch_is_merged() {
            h.layer.onRequest(Messages.invite(), UDP_PEER);
            h.layer.onRequest(Messages.request("INVITE").branch("z9hG4bK-other-path").sentBy("192.0.2.30").build(),
                    UDP_PEER);
            assertThat(h.user.requests).hasSize(2);
            assertThat(h.user.requests.get(0).isMerged()).isFalse();
            assertThat(h.user.requests.get(1).isMerged()).isTrue();
        }

        @Test
        void a_request_with_a_To_tag_is_never_merged() {
            h.layer.onRequest(Messages.request("INFO").toTag("t").build(), UDP_PEER);
            h.layer.onRequest(Messages.request("INFO").toTag("t").branch("z9hG4bK-other").build(), UDP_PEER);
            assertThat(h.user.last().isMerged()).isFalse();
        }

        @Test
        void another_CSeq_Call_ID_or_From_tag_is_not_merged() {
            h.layer.onRequest(Messages.invite(), UDP_PEER);
            h.layer.onRequest(Messages.request("INVITE").branch("z9hG4bK-2").cSeq(2).build(), UDP_PEER);
            h.layer.onRequest(Messages.request("INVITE").branch("z9hG4bK-3").callId("other").build(), UDP_PEER);
            h.layer.onRequest(Messages.request("INVITE").branch("z9hG4bK-4").fromTag("other").build(), UDP_PEER);
            assertThat(h.user.requests).extracting(ServerTransaction::isMerged).containsOnly(false);
        }

        @Test
        void once_the_first_transaction_has_ended_the_same_request_is_not_merged() {
            h.layer.onRequest(Messages.options(), UDP_PEER);
            h.user.last().sendResponse(Messages.response(Messages.options(), 200));
            h.advanceSeconds(33);
            h.layer.onRequest(Messages.request("OPTIONS").branch("z9hG4bK-later").build(), UDP_PEER);
            assertThat(h.user.last().isMerged()).isFalse();
        }

        @Test
        void a_CANCEL_shares_its_INVITEs_From_tag_Call_ID_and_CSeq_number_but_is_not_merged() {
            h.layer.onRequest(Messages.invite(), UDP_PEER);
            h.layer.onRequest(Messages.request("CANCEL").build(), UDP_PEER);
            assertThat(h.user.last().isMerged()).isFalse();
        }
    }

    @Nested
    class CANCEL {
        @Test
        void a_CANCEL_gets_its_own_transaction_and_names_the_INVITE_transaction_it_cancels() {
            h.layer.onRequest(Messages.invite(), UDP_PEER);
            ServerTransaction invite = h.user.last();
            h.layer.onRequest(Messages.request("CANCEL").build(), UDP_PEER);
            ServerTransaction cancel = h.user.last();
            assertThat(cancel).isNotSameAs(invite);
            assertThat(cancel.request().method()).isEqualTo("CANCEL");
            assertThat(cancel.cancelTarget()).containsSame(invite);
            assertThat(invite.cancelTarget()).isEmpty();
        }

        @Test
        void a_CANCEL_with_an_unknown_branch_has_no_target_so_the_core_answers_481() {
            h.layer.onRequest(Messages.invite(), UDP_PEER);
            h.layer.onRequest(Messages.request("CANCEL").branch("z9hG4bK-unknown").build(), UDP_PEER);
            assertThat(h.user.last().cancelTarget()).isEmpty();
        }

        @Test
        void a_retransmitted_CANCEL_stays_in_its_transaction() {
            h.layer.onRequest(Messages.invite(), UDP_PEER);
            h.layer.onRequest(Messages.request("CANCEL").build(), UDP_PEER);
            h.user.last().sendResponse(Messages.response(Messages.request("CANCEL").build(), 200));
            h.layer.onRequest(Messages.request("CANCEL").build(), UDP_PEER);
            assertThat(h.user.requests).hasSize(2);
            assertThat(h.sender.statuses()).containsExactly(100, 200, 200);
        }

        @Test
        void an_RFC_2543_CANCEL_matches_by_Request_URI_tags_Call_ID_CSeq_number_and_top_Via() {
            h.layer.onRequest(Messages.request("INVITE").branch(null).build(), UDP_PEER);
            ServerTransaction invite = h.user.last();
            h.layer.onRequest(Messages.request("CANCEL").branch(null).build(), UDP_PEER);
            assertThat(h.user.last().cancelTarget()).containsSame(invite);
            h.layer.onRequest(Messages.request("CANCEL").branch(null).cSeq(9).build(), UDP_PEER);
            assertThat(h.user.last().cancelTarget()).isEmpty();
        }
    }

    @Nested
    class Client_side {
        @Test
        void a_response_matches_by_the_branch_of_its_top_Via_and_its_CSeq_method() {
            SipRequest invite = Messages.invite();
            h.layer.sendRequest(invite, UDP_PEER, h.listener);
            RecordingListener cancelListener = new RecordingListener();
            SipRequest cancel = Requests.cancel(invite);
            h.layer.sendRequest(cancel, UDP_PEER, cancelListener);

            h.layer.onResponse(Messages.received(cancel, 200), UDP_PEER);
            h.layer.onResponse(Messages.received(invite, 487), UDP_PEER);
            assertThat(cancelListener.statuses()).containsExactly(200);
            assertThat(h.listener.statuses()).containsExactly(487);
        }

        @Test
        void a_response_with_an_unknown_branch_is_stray_and_goes_to_the_core() {
            h.layer.sendRequest(Messages.invite(), UDP_PEER, h.listener);
            SipResponse other = Messages.received(Messages.request("INVITE").branch("z9hG4bK-other").build(), 200);
            h.layer.onResponse(other, UDP_PEER);
            assertThat(h.listener.responses).isEmpty();
            assertThat(h.user.strays).containsExactly(other);
        }

        @Test
        void an_ACK_cannot_start_a_client_transaction() {
            assertThatThrownBy(() -> h.layer.sendRequest(Messages.request("ACK").build(), UDP_PEER, h.listener))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sendAck");
        }

        @Test
        void a_request_without_an_RFC_3261_branch_is_refused() {
            assertThatThrownBy(() -> h.layer.sendRequest(Messages.request("OPTIONS").branch("1").build(), UDP_PEER,
                    h.listener)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("z9hG4bK");
        }

        @Test
        void a_branch_and_method_in_use_is_refused() {
            h.layer.sendRequest(Messages.options(), UDP_PEER, h.listener);
            assertThatThrownBy(() -> h.layer.sendRequest(Messages.options(), UDP_PEER, h.listener))
                    .isInstanceOf(IllegalStateException.class);
        }

        @Test
        void the_ACK_for_a_2xx_is_sent_without_a_transaction() {
            SipRequest ack = Messages.request("ACK").branch("z9hG4bK-ack").toTag("t").build();
            h.layer.sendAck(ack, UDP_PEER);
            assertThat(h.sender.requests()).containsExactly(ack);
            assertThat(h.layer.clientTransactionCount()).isZero();
        }
    }
}
