package org.sipsocial.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.sipsocial.sip.message.Requests;
import org.sipsocial.sip.message.SipParser;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipWriter;

/** The ACK for a non-2xx (RFC 3261 §17.1.1.3) and the CANCEL (§9.1) the transactions build with the codec's {@link Requests}. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RequestsFromAnInviteTest {
    private final SipRequest invite = Messages.request("INVITE").cSeq(7)
            .header("Via: SIP/2.0/UDP 198.51.100.1;branch=z9hG4bK-lower")
            .header("Route: <sip:p1.example.com;lr>")
            .header("Route: <sip:p2.example.com;lr>")
            .header("Contact: <sip:alice@192.0.2.10>")
            .build();

    @Test
    void the_ACK_copies_Request_URI_Call_ID_From_CSeq_number_top_Via_and_Routes_and_takes_To_from_the_response() {
        SipRequest ack = Requests.ackForNon2xx(invite, Messages.response(invite, 486));
        assertThat(ack.method()).isEqualTo("ACK");
        assertThat(ack.requestUri()).isEqualTo(invite.requestUri());
        assertThat(ack.via()).containsExactly(invite.topVia());
        assertThat(ack.from()).isEqualTo(invite.from());
        assertThat(ack.callId()).isEqualTo(invite.callId());
        assertThat(ack.cSeq().number()).isEqualTo(7);
        assertThat(ack.cSeq().method()).isEqualTo("ACK");
        assertThat(ack.to().tag()).isEqualTo(Messages.UAS_TAG);
        assertThat(ack.routes()).isEqualTo(invite.routes());
        assertThat(ack.contacts()).isEmpty();
        assertThat(ack.maxForwards()).isEqualTo(70);
        assertThat(ack.bodyLength()).isZero();
    }

    @Test
    void the_CANCEL_keeps_the_INVITEs_To_and_branch() {
        SipRequest cancel = Requests.cancel(invite);
        assertThat(cancel.method()).isEqualTo("CANCEL");
        assertThat(cancel.to()).isEqualTo(invite.to());
        assertThat(cancel.via()).containsExactly(invite.topVia());
        assertThat(cancel.cSeq().toString()).isEqualTo("7 CANCEL");
        assertThat(cancel.routes()).isEqualTo(invite.routes());
    }

    @Test
    void derived_requests_survive_writing_and_parsing() {
        for (SipRequest r : new SipRequest[] {Requests.cancel(invite),
            Requests.ackForNon2xx(invite, Messages.response(invite, 486))}) {
            byte[] bytes = SipWriter.toBytes(r);
            assertThat(SipParser.parse(bytes).isMessage()).as(new String(bytes, StandardCharsets.UTF_8)).isTrue();
            assertThat(SipParser.parse(bytes).request()).isEqualTo(r);
        }
    }

    @Test
    void there_is_no_transaction_ACK_for_a_2xx_and_no_derived_request_of_a_non_INVITE() {
        assertThatThrownBy(() -> Requests.ackForNon2xx(invite, Messages.response(invite, 200)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Requests.cancel(Messages.options())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_new_branch_has_the_magic_cookie_and_differs_each_time() {
        String a = Branch.create();
        assertThat(a).startsWith("z9hG4bK").hasSize(7 + 16);
        assertThat(Branch.create()).isNotEqualTo(a);
    }
}
