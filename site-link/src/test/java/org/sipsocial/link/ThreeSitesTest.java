package org.sipsocial.link;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ThreeSitesTest {
    private final TestSite smiths = TestSite.start("theSmiths");
    private final TestSite joneses = TestSite.start("theJoneses");
    private final TestSite browns = TestSite.start("theBrowns");

    @AfterEach
    void stop() {
        smiths.close();
        joneses.close();
        browns.close();
    }

    private void link(TestSite a, TestSite b) {
        a.pin(b);
        b.pin(a);
        a.connect(b);
        b.connect(a);
    }

    @Test
    void threeSitesLinkedPairwiseAreEachConnectedToBothOthersFromOneLinkPort() {
        link(smiths, joneses);
        link(smiths, browns);
        link(joneses, browns);
        for (TestSite[] pair : new TestSite[][] {{smiths, joneses}, {smiths, browns}, {joneses, browns}}) {
            pair[0].awaitConnected(pair[1]);
            pair[1].awaitConnected(pair[0]);
        }
        assertThat(smiths.links().status()).hasSize(2).allMatch(s -> s.state() == LinkState.CONNECTED);
    }

    @Test
    void disconnectingOneLinkLeavesTheOtherLinksOfBothSitesUp() {
        link(smiths, joneses);
        link(smiths, browns);
        link(joneses, browns);
        smiths.awaitConnected(joneses);
        smiths.awaitConnected(browns);
        joneses.awaitConnected(browns);
        joneses.disconnect(smiths);
        smiths.awaitLine(joneses, "disconnected by theJoneses");
        assertThat(smiths.line(browns)).startsWith("connected since ");
        assertThat(joneses.line(browns)).startsWith("connected since ");
        assertThat(browns.line(smiths)).startsWith("connected since ");
    }

    @Test
    void aThirdSiteKnownToOnlyOneOfTheOthersCanLinkOnlyWithThatOne() {
        link(smiths, joneses);
        browns.pin(smiths);
        smiths.pin(browns);
        browns.pin(joneses);
        browns.connect(smiths);
        smiths.connect(browns);
        browns.connect(joneses);
        smiths.awaitConnected(browns);
        browns.awaitLine(joneses, "refused: theJoneses does not have our certificate");
        smiths.awaitConnected(joneses);
    }
}
