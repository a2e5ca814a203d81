package org.sipsocial.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import org.junit.jupiter.api.Test;
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
}
