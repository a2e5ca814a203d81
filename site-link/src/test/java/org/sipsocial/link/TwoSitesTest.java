package org.sipsocial.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TwoSitesTest {
    private final TestSite smiths = TestSite.start("theSmiths");
    private final TestSite joneses = TestSite.start("theJoneses");

    @AfterEach
    void stop() {
        smiths.close();
        joneses.close();
    }

    private void pinBoth() {
        smiths.pin(joneses);
        joneses.pin(smiths);
    }

    @Test
    void twoSitesThatHaveEachOthersCertificatesAndBothPressConnectAreConnectedOnBothSides() {
        pinBoth();
        joneses.connect(smiths);
        smiths.connect(joneses);
        smiths.awaitConnected(joneses);
        joneses.awaitConnected(smiths);
        LinkStatus status = smiths.links().status(joneses.name()).orElseThrow();
        assertThat(status.since()).isNotNull();
        assertThat(status.roundTrip()).isLessThan(Duration.ofSeconds(2));
        assertThat(smiths.line(joneses)).matches(
                "connected since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC, initiated by (theSmiths|theJoneses), "
                        + "round trip \\d+ ms, seen from 127\\.0\\.0\\.1:\\d+");
    }

    /** Both want the link but theJoneses cannot reach theSmiths (a dead port): only theSmiths's dial gets through. */
    private void linkByTheSmithsDialOnly() throws Exception {
        smiths.pin(joneses);
        int nowhere;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            nowhere = probe.getLocalPort();
        }
        joneses.list.add(new RemoteSite(smiths.name(), "127.0.0.1", nowhere, smiths.identity.certificate()));
        joneses.connect(smiths);
        smiths.connect(joneses);
        smiths.awaitConnected(joneses);
        joneses.awaitConnected(smiths);
    }

    @Test
    void aLinkLeavesFromTheLinkPortAndEachSideLearnsTheAddressItIsSeenFrom() throws Exception {
        linkByTheSmithsDialOnly();
        assertThat(smiths.links().status(joneses.name()).orElseThrow().seenFrom()).isEqualTo("127.0.0.1:" + smiths.port());
        assertThat(joneses.links().status(smiths.name()).orElseThrow().seenFrom()).isEqualTo("127.0.0.1:" + joneses.port());
    }

    @Test
    void onlyTheSiteThatDialledKeepsWhatThePeerReportsAsEvidenceOfItsNat() throws Exception {
        linkByTheSmithsDialOnly();

        assertThat(smiths.links().seenByDialledSites().reports())
                .containsExactly(new org.sipsocial.link.nat.PeerReport("theJoneses", "127.0.0.1", smiths.port()));
        assertThat(joneses.links().seenByDialledSites().reports()).as("theJoneses answered: no evidence of its NAT").isEmpty();
    }

    @Test
    void aSiteRemovedFromTheListTakesWhatItReportedOfOurNatWithIt() throws Exception {
        linkByTheSmithsDialOnly();
        assertThat(smiths.links().seenByDialledSites().reports()).isNotEmpty();

        smiths.list.remove(joneses.name());
        smiths.links().sitesChanged();
        joneses.awaitLine(smiths, "disconnected by theSmiths");

        assertThat(smiths.links().seenByDialledSites().reports()).as("nothing shown may name a removed site").isEmpty();
    }

    @Test
    void oneConnectFromOneSideLinksBothSidesAndBothNameTheSiteThatInitiated() {
        pinBoth();
        smiths.connect(joneses);
        smiths.awaitConnected(joneses);
        joneses.awaitConnected(smiths);
        assertThat(smiths.line(joneses)).contains(", initiated by theSmiths, ");
        assertThat(joneses.line(smiths)).contains(", initiated by theSmiths, ");
        assertThat(joneses.wanted.wanted()).containsExactly(smiths.name());
    }

    @Test
    void aLinkMadeByOneConnectIsRedialledByEitherSideAfterARestart() {
        pinBoth();
        smiths.connect(joneses);
        joneses.awaitConnected(smiths);
        smiths.close();
        org.awaitility.Awaitility.await().atMost(TestSite.WAIT).until(() -> joneses.state(smiths) == LinkState.FAILED);
        smiths.restart();
        joneses.awaitConnected(smiths);
        smiths.awaitConnected(joneses);
    }

    @Test
    void aSiteThatDisconnectedRefusesTheOtherSidesConnectUntilItsOwnAdministratorConnects() {
        pinBoth();
        smiths.connect(joneses);
        joneses.awaitConnected(smiths);
        joneses.disconnect(smiths);
        smiths.awaitLine(joneses, "disconnected by theJoneses");

        smiths.connect(joneses);
        smiths.awaitLine(joneses, "refused: theJoneses disconnected this link and has not pressed Connect since");
        assertThat(smiths.state(joneses)).isEqualTo(LinkState.WAITING_FOR_PEER);
        joneses.awaitLine(smiths, "disconnected: theSmiths asks to connect");

        joneses.connect(smiths);
        smiths.awaitConnected(joneses);
        joneses.awaitConnected(smiths);
    }

    @Test
    void aDisconnectStandsAcrossARestartOfTheSiteThatDisconnected() {
        pinBoth();
        smiths.connect(joneses);
        joneses.awaitConnected(smiths);
        joneses.disconnect(smiths);
        smiths.awaitLine(joneses, "disconnected by theJoneses");
        joneses.restart();
        assertThat(joneses.wanted.disconnected()).containsExactly(smiths.name());

        smiths.connect(joneses);
        smiths.awaitLine(joneses, "refused: theJoneses disconnected this link and has not pressed Connect since");
        joneses.awaitLine(smiths, "disconnected: theSmiths asks to connect");
    }

    @Test
    void disconnectOnOneSideTakesTheLinkDownOnBothAndTheOtherSideShowsWhoDisconnected() {
        pinBoth();
        joneses.connect(smiths);
        smiths.connect(joneses);
        smiths.awaitConnected(joneses);
        joneses.awaitConnected(smiths);
        assertThat(smiths.disconnect(joneses).line()).isEqualTo("disconnected");
        joneses.awaitLine(smiths, "disconnected by theSmiths");
        assertThat(smiths.line(joneses)).isEqualTo("disconnected");
        assertThat(smiths.wanted.wanted()).isEmpty();
        assertThat(smiths.wanted.disconnected()).containsExactly(joneses.name());
        assertThat(joneses.wanted.wanted()).isEmpty();
        assertThat(joneses.wanted.disconnected()).isEmpty();
    }

    @Test
    void aSecondSiteCannotShareALinkPortThatIsInUse() {
        java.net.InetSocketAddress taken = smiths.links().localAddress();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SiteLinks
                        .builder(Certificates.site("theBrowns"), new PinnedSiteList(), WantedLinks.inMemory())
                        .settings(TestSite.fast(taken.getPort())).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("in use");
    }

    @Test
    void aSiteThatRestartsReconnectsTheLinksThatWereConnected() {
        pinBoth();
        joneses.connect(smiths);
        smiths.connect(joneses);
        smiths.awaitConnected(joneses);
        joneses.restart();
        joneses.awaitConnected(smiths);
        smiths.awaitConnected(joneses);
        smiths.restart();
        smiths.awaitConnected(joneses);
        joneses.awaitConnected(smiths);
    }

    @Test
    void aSiteThatRestartsLeavesTheDisconnectedLinksAlone() {
        pinBoth();
        joneses.connect(smiths);
        smiths.connect(joneses);
        smiths.awaitConnected(joneses);
        smiths.disconnect(joneses);
        joneses.awaitLine(smiths, "disconnected by theSmiths");
        smiths.restart();
        joneses.restart();
        assertThat(smiths.line(joneses)).isEqualTo("disconnected");
        assertThat(joneses.line(smiths)).isEqualTo("disconnected");
    }

    @Test
    void aLostLinkIsReportedAndRetriedUntilTheOtherSideIsBack() {
        pinBoth();
        joneses.connect(smiths);
        smiths.connect(joneses);
        smiths.awaitConnected(joneses);
        joneses.close();
        // the loss is reported; within the first backoff the retries' own failures follow it
        org.awaitility.Awaitility.await().atMost(TestSite.WAIT).untilAsserted(() -> assertThat(smiths.line(joneses))
                .isIn("lost: the connection to theJoneses closed; trying again",
                        "refused: nothing listens on 127.0.0.1:" + joneses.port() + "; trying again"));
        assertThat(smiths.state(joneses)).isEqualTo(LinkState.FAILED);
        TestSite back = joneses;
        back.restart();
        smiths.awaitConnected(joneses);
    }

    @Test
    void aCertificateAddedWhileRunningLetsAConnectStillInItsWindowSucceedWithoutASecondConnect() {
        smiths.pin(joneses);
        smiths.connect(joneses);
        smiths.awaitLine(joneses, "refused: theJoneses does not have our certificate");
        joneses.pin(smiths);
        smiths.awaitConnected(joneses);
        joneses.awaitConnected(smiths);
    }

    @Test
    void aCertificateRemovedWhileRunningTakesTheLinkDownAndRefusesTheNextConnect() {
        pinBoth();
        joneses.connect(smiths);
        smiths.connect(joneses);
        smiths.awaitConnected(joneses);
        smiths.list.remove(joneses.name());
        smiths.links().sitesChanged();
        joneses.awaitLine(smiths, "disconnected by theSmiths");
        assertThat(smiths.line(joneses)).isEqualTo("(not on the list)");
        assertThat(smiths.links().events()).last().asString()
                .endsWith("theJoneses: removed from the Network Connection list");
        joneses.connect(smiths);
        joneses.awaitLine(smiths, "refused: theSmiths does not have our certificate");
    }

    @Test
    void aCertificateReplacedWhileRunningTakesTheLinkDownAndTheNextHandshakeJudgesTheNewOne() {
        pinBoth();
        joneses.connect(smiths);
        smiths.connect(joneses);
        smiths.awaitConnected(joneses);
        joneses.awaitConnected(smiths);
        RemoteSite reimported = new RemoteSite(joneses.name(), "127.0.0.1", joneses.port(),
                Certificates.site("theJoneses").certificate());
        smiths.list.add(reimported);
        smiths.links().sitesChanged();
        smiths.awaitLine(joneses, "refused: the certificate presented is not the one imported for theJoneses; trying again");
        joneses.awaitLine(smiths, "refused: theSmiths does not have our certificate; trying again");
    }
}
