package org.sipsocial.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sipsocial.sip.message.SipMessage;
import org.sipsocial.sip.message.SipParser;

/** A link carries SIP in both directions (RFC 5923), so a site behind a NAT needs only the one connection. */
class CarriageTest {
    private final TestSite smiths = TestSite.start("theSmiths");
    private final TestSite joneses = TestSite.start("theJoneses");

    @AfterEach
    void stop() {
        smiths.close();
        joneses.close();
    }

    private static SipMessage parse(String text) {
        return SipParser.parse(text.getBytes(StandardCharsets.US_ASCII)).message();
    }

    private static final String MESSAGE = "MESSAGE sip:bob@theJoneses SIP/2.0\r\n"
            + "Via: SIP/2.0/TLS 192.0.2.1:5070;branch=z9hG4bKcarriage1\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: <sip:alice@theSmiths>;tag=a1\r\n"
            + "To: <sip:bob@theJoneses>\r\n"
            + "Call-ID: carriage-1\r\n"
            + "CSeq: 1 MESSAGE\r\n"
            + "Content-Type: text/plain\r\n"
            + "Content-Length: 5\r\n\r\nhello";

    private static final String OK = "SIP/2.0 200 OK\r\n"
            + "Via: SIP/2.0/TLS 192.0.2.1:5070;branch=z9hG4bKcarriage1\r\n"
            + "From: <sip:alice@theSmiths>;tag=a1\r\n"
            + "To: <sip:bob@theJoneses>;tag=b1\r\n"
            + "Call-ID: carriage-1\r\n"
            + "CSeq: 1 MESSAGE\r\n"
            + "Content-Length: 0\r\n\r\n";

    @Test
    void aConnectedLinkCarriesRequestsAndResponsesBothWaysNamingTheSiteItsCertificateProves() {
        smiths.pin(joneses);
        joneses.pin(smiths);
        smiths.connect(joneses);
        joneses.connect(smiths);
        smiths.awaitConnected(joneses);
        joneses.awaitConnected(smiths);
        smiths.links().send(joneses.name(), parse(MESSAGE)).join();
        await().atMost(TestSite.WAIT).until(() -> joneses.received.contains("theSmiths: MESSAGE sip:bob@theJoneses SIP/2.0"));
        joneses.links().send(smiths.name(), parse(OK)).join();
        await().atMost(TestSite.WAIT).until(() -> smiths.received.contains("theJoneses: SIP/2.0 200 OK"));
        assertThat(smiths.metrics.get("sipsocial.links.connected").gauge().value()).isEqualTo(1.0);
    }

    @Test
    void aLinkThatComesUpIsReportedWithWhereTheOtherEndIsAndCarriesBinaryFramesBesideSip() {
        smiths.pin(joneses);
        joneses.pin(smiths);
        smiths.connect(joneses);
        joneses.connect(smiths);
        smiths.awaitConnected(joneses);
        joneses.awaitConnected(smiths);
        await().atMost(TestSite.WAIT).until(() -> smiths.received.contains("theJoneses: up from 127.0.0.1"));
        smiths.links().send(joneses.name(), new LinkFrame(7, "$RTP\r\n\r\nnot SIP".getBytes(StandardCharsets.ISO_8859_1)));
        smiths.links().send(joneses.name(), parse(MESSAGE)).join();
        await().atMost(TestSite.WAIT).until(() -> joneses.received.contains("theSmiths: MESSAGE sip:bob@theJoneses SIP/2.0"));
        assertThat(joneses.received).contains("theSmiths: frame 7 $RTP\r\n\r\nnot SIP");
        assertThat(joneses.received.indexOf("theSmiths: frame 7 $RTP\r\n\r\nnot SIP"))
                .as("in the order sent").isLessThan(joneses.received.indexOf("theSmiths: MESSAGE sip:bob@theJoneses SIP/2.0"));
    }

    @Test
    void sendingToASiteWithNoLinkUpIsRefusedWithItsLine() {
        smiths.pin(joneses);
        assertThatThrownBy(() -> smiths.links().send(joneses.name(), parse(MESSAGE)).join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(LinkException.class)
                .hasRootCauseMessage("refused: no link to theJoneses is up");
    }
}
