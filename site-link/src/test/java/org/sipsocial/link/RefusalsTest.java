package org.sipsocial.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every refusal of issue 6, each with the exact status line on the side that shows it. */
class RefusalsTest {
    private final List<AutoCloseable> running = new ArrayList<>();
    private final TestSite smiths = started(TestSite.start("theSmiths"));
    private final TestSite joneses = started(TestSite.start("theJoneses"));

    private TestSite started(TestSite site) {
        running.add(site);
        return site;
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : running) c.close();
    }

    private void awaitRefusal(TestSite site, String line) {
        await().atMost(TestSite.WAIT).untilAsserted(() ->
                assertThat(site.links().refusals()).extracting(LinkError::line).contains(line));
    }

    @Test
    void whenTheDialledSiteLacksOurCertificateWeSeeThatItDoesNotHaveItAndItSeesAnUnknownCertificate() {
        smiths.pin(joneses);
        smiths.connect(joneses);
        smiths.awaitLine(joneses, "refused: theJoneses does not have our certificate");
        // The dial left from the link port itself, so the refusal names it.
        awaitRefusal(joneses, "refused: 127.0.0.1:" + smiths.port()
                + " presented a certificate that is not on the Network Connection list");
        assertThat(joneses.metrics.get("sipsocial.link.refusals").tag("reason", "unknown_certificate")
                .counter().count()).isPositive();
        assertThat(smiths.metrics.get("sipsocial.link.dial.failures").tag("reason", "they_lack_our_certificate")
                .counter().count()).isPositive();
    }

    @Test
    void aSiteThatLacksTheOtherSitesCertificateCannotConnectToIt() {
        smiths.pin(joneses);
        assertThat(joneses.connect(smiths).line()).isEqualTo("refused: theSmiths is not on the Network Connection list");
        assertThat(joneses.line(smiths)).isEqualTo("(not on the list)");
    }

    @Test
    void aThirdSiteWithASelfMadeCertificateClaimingToBeTheOtherIsRefusedBothWays() {
        smiths.pin(joneses);
        TestSite impostor = started(TestSite.start("theJoneses"));
        impostor.pin(smiths);
        impostor.connect(smiths);
        impostor.awaitLine(smiths, "refused: theSmiths does not have our certificate");
        awaitRefusal(smiths, "refused: 127.0.0.1:" + impostor.port()
                + " presented a certificate that is not on the Network Connection list");

        smiths.list.add(new RemoteSite(joneses.name(), "127.0.0.1", impostor.port(), joneses.identity.certificate()));
        smiths.connect(joneses);
        smiths.awaitLine(joneses, "refused: the certificate presented is not the one imported for theJoneses");
        awaitRefusal(impostor, "refused: 127.0.0.1:" + smiths.port() + " did not accept our certificate");
    }

    @Test
    void aSitePresentingADifferentCertificateFromTheOneImportedIsRefused() {
        TestSite rekeyed = started(TestSite.start("theJoneses"));
        smiths.list.add(new RemoteSite(joneses.name(), "127.0.0.1", rekeyed.port(), joneses.identity.certificate()));
        rekeyed.pin(smiths);
        smiths.connect(joneses);
        smiths.awaitLine(joneses, "refused: the certificate presented is not the one imported for theJoneses");
        rekeyed.connect(smiths);
        rekeyed.awaitLine(smiths, "refused: theSmiths does not have our certificate");
    }

    @Test
    void anExpiredCertificateIsRefusedWithItsExpiryDateOnBothSides() {
        TestSite oldies = started(TestSite.start(
                Certificates.site("theOldies", "2020-01-01T00:00:00Z", "2025-06-30T00:00:00Z")));
        smiths.pin(oldies);
        oldies.pin(smiths);
        smiths.connect(oldies);
        smiths.awaitLine(oldies, "refused: the certificate of theOldies expired on 2025-06-30");
        oldies.connect(smiths);
        oldies.awaitLine(smiths, "refused: our certificate expired on 2025-06-30");
        awaitRefusal(smiths, "refused: the certificate of theOldies expired on 2025-06-30");
    }

    @Test
    void aPortWhereNothingListensIsRefused() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        smiths.list.add(new RemoteSite(joneses.name(), "127.0.0.1", port, joneses.identity.certificate()));
        smiths.connect(joneses);
        smiths.awaitLine(joneses, "refused: nothing listens on 127.0.0.1:" + port);
    }

    @Test
    void aPeerThatNeverAnswersTheHandshakeTimesOutWithTheNatHint() throws IOException {
        ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        running.add(silent);
        smiths.list.add(new RemoteSite(joneses.name(), "127.0.0.1", silent.getLocalPort(), joneses.identity.certificate()));
        smiths.connect(joneses);
        smiths.awaitLine(joneses, "timeout: no answer from 127.0.0.1:" + silent.getLocalPort()
                + " (if it is behind a NAT, ask its administrator to connect now)");
    }

    @Test
    void whenTheConnectWindowClosesTheLastErrorStaysAndTheTriesStop() {
        smiths.pin(joneses);
        smiths.connect(joneses);
        await().atMost(TestSite.WAIT).until(() -> smiths.state(joneses) == LinkState.FAILED);
        assertThat(smiths.line(joneses)).isEqualTo("refused: theJoneses does not have our certificate");
        int refusals = joneses.links().refusals().size();
        joneses.pin(smiths);
        joneses.connect(smiths);
        joneses.awaitConnected(smiths);
        smiths.awaitConnected(joneses);
        assertThat(refusals).isPositive();
    }
}
