package org.sipsocial.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RequestsTest {
    private final SipRequest invite = (SipRequest) TestMessages.parse(TestMessages.options("Route: <sip:p1;lr>")
            .replace("OPTIONS", "INVITE").replace("Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-1",
                    "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-1\r\nVia: SIP/2.0/UDP 10.0.0.1"));

    @Test
    void a_cancel_matches_the_invite_with_only_its_top_via() {
        SipRequest cancel = Requests.cancel(invite);
        assertThat(cancel.method()).isEqualTo("CANCEL");
        assertThat(cancel.requestUri()).isEqualTo(invite.requestUri());
        assertThat(cancel.via()).containsExactly(invite.topVia());
        assertThat(cancel.cSeq().number()).isEqualTo(invite.cSeq().number());
        assertThat(cancel.cSeq().method()).isEqualTo("CANCEL");
        assertThat(cancel.from()).isEqualTo(invite.from());
        assertThat(cancel.to()).isEqualTo(invite.to());
        assertThat(cancel.routes()).isEqualTo(invite.routes());
        assertThat(SipParser.parse(SipWriter.toBytes(cancel)).message()).isEqualTo(cancel);
    }

    @Test
    void an_ack_for_a_failure_takes_the_to_tag_of_the_response() {
        SipResponse busy = Responses.create(invite, 486, "Busy Here", "uas-7").build();
        SipRequest ack = Requests.ackForNon2xx(invite, busy);
        assertThat(ack.method()).isEqualTo("ACK");
        assertThat(ack.to().tag()).isEqualTo("uas-7");
        assertThat(ack.cSeq().method()).isEqualTo("ACK");
        assertThat(ack.topVia().branch()).isEqualTo(invite.topVia().branch());
        assertThat(SipParser.parse(SipWriter.toBytes(ack)).isMessage()).isTrue();
    }

    @Test
    void there_is_no_derived_ack_for_a_2xx_and_no_derived_request_of_a_non_invite() {
        SipResponse ok = Responses.create(invite, 200, "OK", "uas-7").build();
        assertThatThrownBy(() -> Requests.ackForNon2xx(invite, ok)).isInstanceOf(IllegalArgumentException.class);
        SipRequest options = (SipRequest) TestMessages.parse(TestMessages.options());
        assertThatThrownBy(() -> Requests.cancel(options)).isInstanceOf(IllegalArgumentException.class);
    }
}
