package org.sipsocial.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sipsocial.sip.message.SipParser;

/**
 * Two sites pressing Connect together may each end up holding one connection that both dialled (TCP
 * simultaneous open, as through two NATs): the site whose name sorts first (theJoneses) is the TLS client,
 * the other answers the handshake, and the link comes up on both sides.
 */
class CrossingDialsTest {
    private final TestSite smiths = TestSite.start("theSmiths");
    private final TestSite joneses = TestSite.start("theJoneses");
    private CrossingRelay relay;

    @AfterEach
    void stop() {
        smiths.close();
        joneses.close();
        if (relay != null) relay.close();
    }

    private void pinThroughTheRelay() throws Exception {
        relay = new CrossingRelay();
        smiths.list.add(new RemoteSite(joneses.name(), "127.0.0.1", relay.firstPort(), joneses.identity.certificate()));
        joneses.list.add(new RemoteSite(smiths.name(), "127.0.0.1", relay.secondPort(), smiths.identity.certificate()));
    }

    private static double crossed(TestSite site) {
        var counter = site.metrics.find("sipsocial.link.crossed.dials").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void crossingDialsBecomeOneLinkWithTheFirstNameAsTlsClientAndTheOtherAnswering() throws Exception {
        pinThroughTheRelay();
        smiths.connect(joneses);
        joneses.connect(smiths);
        smiths.awaitConnected(joneses);
        joneses.awaitConnected(smiths);
        assertThat(crossed(smiths)).isEqualTo(1.0);
        assertThat(crossed(joneses)).isZero();
    }

    @Test
    void aLinkMadeOfCrossingDialsCarriesSipBothWaysAndStaysUpAcrossKeepAlives() throws Exception {
        pinThroughTheRelay();
        joneses.connect(smiths);
        smiths.connect(joneses);
        smiths.awaitConnected(joneses);
        joneses.awaitConnected(smiths);
        String since = smiths.line(joneses).substring(0, "connected since 2026-11-30 14:00:00".length());
        Thread.sleep(5 * TestSite.fast(0).keepAliveInterval().toMillis());
        assertThat(smiths.line(joneses)).startsWith(since);
        assertThat(joneses.line(smiths)).startsWith("connected since ");

        smiths.links().send(joneses.name(), SipParser.parse(message("theJoneses")).message()).join();
        joneses.links().send(smiths.name(), SipParser.parse(message("theSmiths")).message()).join();
        await().atMost(TestSite.WAIT).until(() -> joneses.received.contains("theSmiths: MESSAGE sip:bob@theJoneses SIP/2.0"));
        await().atMost(TestSite.WAIT).until(() -> smiths.received.contains("theJoneses: MESSAGE sip:bob@theSmiths SIP/2.0"));
    }

    @Test
    void disconnectOnALinkOfCrossingDialsTakesItDownOnBothSides() throws Exception {
        pinThroughTheRelay();
        joneses.connect(smiths);
        smiths.connect(joneses);
        smiths.awaitConnected(joneses);
        joneses.awaitConnected(smiths);
        smiths.disconnect(joneses);
        joneses.awaitLine(smiths, "disconnected by theSmiths");
        assertThat(smiths.line(joneses)).isEqualTo("disconnected");
    }

    private static byte[] message(String site) {
        return ("MESSAGE sip:bob@" + site + " SIP/2.0\r\n"
                + "Via: SIP/2.0/TLS 192.0.2.1:5070;branch=z9hG4bKcross" + site + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:alice@elsewhere>;tag=a1\r\n"
                + "To: <sip:bob@" + site + ">\r\n"
                + "Call-ID: cross-" + site + "\r\n"
                + "CSeq: 1 MESSAGE\r\n"
                + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
