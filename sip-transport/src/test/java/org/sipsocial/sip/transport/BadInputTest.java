package org.sipsocial.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.sipsocial.sip.message.ParseResult;
import org.sipsocial.sip.message.RejectReason;
import org.sipsocial.sip.message.Rejection;
import org.sipsocial.sip.message.SipParser;
import org.sipsocial.sip.message.SipResponse;

class BadInputTest {
    private static byte[] torture(String name) throws Exception {
        try (InputStream in = BadInputTest.class.getResourceAsStream("/rfc4475/" + name + ".dat")) {
            return in.readAllBytes();
        }
    }

    private static SipResponse answerTo(byte[] bytes) {
        ParseResult r = SipParser.parse(bytes);
        assertThat(r.isMessage()).as("the codec refuses it").isFalse();
        return BadInput.answer(bytes, r.rejection());
    }

    @Test
    void aRequestWithANegativeContentLengthIsAnswered400CopyingTheTransactionHeaders() throws Exception {
        SipResponse answer = answerTo(torture("ncl"));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.reasonPhrase()).startsWith("Bad Request (");
        assertThat(answer.topVia().branch()).isEqualTo("z9hG4bKkdjuw");
        assertThat(answer.cSeq().method()).isEqualTo("INVITE");
        assertThat(answer.to().tag()).isNotNull();
        assertThat(answer.contentLength()).isZero();
    }

    @Test
    void aRequestOfAnotherSipVersionIsAnswered505() throws Exception {
        assertThat(answerTo(torture("badvers")).statusCode()).isEqualTo(505);
    }

    @Test
    void aMalformedResponseIsNeverAnswered() throws Exception {
        assertThat(answerTo(torture("bigcode"))).isNull();
        assertThat(answerTo(torture("scalarlg"))).isNull();
    }

    @Test
    void aRequestMissingCallIdFromAndToIsStillAnsweredWhenViaAndCSeqAreThere() throws Exception {
        SipResponse answer = answerTo(torture("insuf"));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.topVia()).isNotNull();
    }

    @Test
    void junkWithoutARequestLineIsDropped() {
        byte[] junk = {0x01, 0x02, (byte) 0xff, '\r', '\n', '\r', '\n'};

        assertThat(BadInput.answer(junk, new Rejection(RejectReason.BAD_REQUEST_LINE, null, 0, "junk"))).isNull();
    }

    @Test
    void aRequestWithoutAViaCannotBeAnsweredAndIsDropped() {
        byte[] noVia = ("OPTIONS sip:a@b SIP/2.0\r\nCSeq: 1 OPTIONS\r\nContent-Length: -1\r\n\r\n").getBytes();

        assertThat(answerTo(noVia)).isNull();
    }

    @Test
    void emptyInputIsDroppedSilently() {
        assertThat(BadInput.answer(new byte[0], new Rejection(RejectReason.EMPTY, null, 0, "empty"))).isNull();
    }

    @Test
    void foldedCopiedHeadersAreUnfolded() {
        byte[] folded = ("OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1\r\n ;branch=z9hG4bKf\r\n"
                + "CSeq: 1 OPTIONS\r\nCall-ID: x\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>\r\nContent-Length: -1\r\n\r\n")
                .getBytes();

        SipResponse answer = answerTo(folded);

        assertThat(answer.topVia().branch()).isEqualTo("z9hG4bKf");
    }

    @ParameterizedTest(name = "the torture message {0} with its Request-Line method set to ACK is never answered")
    @FieldSource("org.sipsocial.sip.transport.TortureAcks#REQUESTS")
    void aTortureMessageTurnedIntoAnAckByItsRequestLineIsNeverAnswered(String name) {
        byte[] ack = TortureAcks.withAckRequestLine(name);
        Rejection rejection = new Rejection(RejectReason.METHOD_MISMATCH, "CSeq", 0, "as the codec may say");

        BadInput.Verdict verdict = BadInput.judge(ack, rejection);

        assertThat(verdict.answer()).isNull();
        assertThat(verdict.action()).isEqualTo(BadInput.Action.ACK_DROPPED);
    }

    @ParameterizedTest(name = "the torture message {0} as an ACK is never answered, whatever the codec says of it")
    @FieldSource("org.sipsocial.sip.transport.TortureAcks#REQUESTS")
    void aTortureMessageTurnedIntoAnAckIsNeverAnswered(String name) {
        byte[] ack = TortureAcks.asAck(name);
        ParseResult parsed = SipParser.parse(ack);
        Rejection rejection = parsed.isMessage()
                ? new Rejection(RejectReason.BAD_HEADER_VALUE, "Via", 0, "a transport-level refusal")
                : parsed.rejection();

        assertThat(BadInput.judge(ack, rejection).answer()).isNull();
        assertThat(BadInput.judge(ack, rejection).action()).isEqualTo(BadInput.Action.ACK_DROPPED);
    }

    @Test
    void aRequestWhoseCSeqNamesAckIsNotAnsweredEvenWhenItsRequestLineSaysInvite() {
        byte[] bytes = ("INVITE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKx\r\n"
                + "CSeq: 1 ACK\r\nCall-ID: x\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>\r\nContent-Length: 0\r\n\r\n")
                .getBytes();

        assertThat(answerTo(bytes)).isNull();
    }

    @Test
    void anAckWithoutContentLengthRefusedOnAStreamIsNotAnswered() {
        byte[] ack = TortureAcks.ackWithoutContentLength(Transport.TCP, "192.0.2.1:5060").getBytes();
        Rejection missing = new Rejection(RejectReason.MISSING_CONTENT_LENGTH, "Content-Length", 0, "stream");

        assertThat(BadInput.judge(ack, missing).action()).isEqualTo(BadInput.Action.ACK_DROPPED);
    }

    @Test
    void anInviteWithoutContentLengthRefusedOnAStreamIsStillAnswered400() {
        byte[] invite = TortureAcks.ackWithoutContentLength(Transport.TCP, "192.0.2.1:5060")
                .replace("ACK sip", "INVITE sip").replace("1 ACK", "1 INVITE").getBytes();
        Rejection missing = new Rejection(RejectReason.MISSING_CONTENT_LENGTH, "Content-Length", 0, "stream");

        assertThat(BadInput.judge(invite, missing).answer().statusCode()).isEqualTo(400);
    }
}
