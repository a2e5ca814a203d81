package org.sipsocial.link.nat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class NatVerdictTest {
    private static final int LINK_PORT = 5070;
    private static final Set<String> OWN = Set.of("10.1.0.2", "127.0.0.1");

    private static NatVerdict judge(PeerReport... reports) {
        return NatVerdict.judge(List.of(reports), LINK_PORT, OWN, Optional.empty());
    }

    private static PeerReport seen(String site, String hostPort) {
        return PeerReport.of(site, hostPort);
    }

    @Test
    void withNoReportNothingIsKnownAndNothingIsSaid() {
        NatVerdict verdict = judge();
        assertThat(verdict.behaviour()).isEqualTo(NatBehaviour.UNKNOWN);
        assertThat(verdict.line()).isEmpty();
        assertThat(verdict.fixFor("theJoneses")).isEmpty();
    }

    @Test
    void seenFromItsOwnAddressAndTheLinkPortTheSiteIsNotBehindANat() {
        NatVerdict verdict = judge(seen("theBrowns", "10.1.0.2:5070"));
        assertThat(verdict.behaviour()).isEqualTo(NatBehaviour.NO_NAT);
        assertThat(verdict.line()).isEqualTo("this site is not behind a NAT: theBrowns sees it from 10.1.0.2:5070, its own address");
    }

    @Test
    void seenFromAnotherAddressButTheLinkPortTheNatKeepsThePort() {
        NatVerdict verdict = judge(seen("theBrowns", "11.250.42.13:5070"), seen("theGreens", "11.250.42.13:5070"));
        assertThat(verdict.behaviour()).isEqualTo(NatBehaviour.KEEPS_PORT);
        assertThat(verdict.behaviour().changesPorts()).isFalse();
        assertThat(verdict.line()).startsWith("this site is behind a NAT that keeps the link port when it is free; ")
                .endsWith("(theBrowns sees it from 11.250.42.13:5070, theGreens sees it from 11.250.42.13:5070)");
        assertThat(verdict.fixFor("theJoneses")).isEmpty();
    }

    @Test
    void oneSiteSeeingAnotherPortShowsANatThatChangesPortsAndSaysWithWhomItCanLink() {
        NatVerdict verdict = judge(seen("theBrowns", "11.250.42.12:40123"));
        assertThat(verdict.behaviour()).isEqualTo(NatBehaviour.CHANGES_PORT);
        assertThat(verdict.line()).isEqualTo("this site is behind a NAT that changes ports; it can link directly only "
                + "with public sites or with sites whose router maps ports (theBrowns sees link port 5070 as 11.250.42.12:40123)");
    }

    @Test
    void twoSitesSeeingTwoPortsShowThatTheMappingDependsOnTheDestination() {
        NatVerdict verdict = judge(seen("theBrowns", "11.250.42.12:40123"), seen("theGreens", "11.250.42.12:51000"));
        assertThat(verdict.behaviour()).isEqualTo(NatBehaviour.CHANGES_PORT_FOR_EVERY_SITE);
        assertThat(verdict.line()).endsWith("(a new port for every site it dials: theBrowns sees link port 5070 as "
                + "11.250.42.12:40123, theGreens as 11.250.42.12:51000)");
    }

    @Test
    void twoSitesSeeingTwoAddressesAlsoShowAMappingThatDependsOnTheDestination() {
        NatVerdict verdict = judge(seen("theBrowns", "11.250.42.12:40123"), seen("theGreens", "11.250.42.99:40123"));
        assertThat(verdict.behaviour()).isEqualTo(NatBehaviour.CHANGES_PORT_FOR_EVERY_SITE);
    }

    @Test
    void aNatThatKeepsThePortForOneSiteButNotForAnotherDependsOnTheDestination() {
        NatVerdict verdict = judge(seen("theBrowns", "11.250.42.12:5070"), seen("theGreens", "11.250.42.12:40123"));
        assertThat(verdict.behaviour()).isEqualTo(NatBehaviour.CHANGES_PORT_FOR_EVERY_SITE);
        assertThat(verdict.behaviour().changesPorts()).isTrue();
    }

    @Test
    void aNatSeenToKeepTheLinkPortOnceKeepsItWhenItIsFreeThoughTheLatestReportShowsAnother() {
        SeenFromReports reports = new SeenFromReports();
        reports.dialledSiteReports("theBrowns", "11.250.42.13:5070");
        reports.dialledSiteReports("theBrowns", "11.250.42.13:41445");

        NatVerdict verdict = NatVerdict.judge(reports, LINK_PORT, OWN, Optional.empty());

        assertThat(verdict.behaviour()).isEqualTo(NatBehaviour.KEEPS_PORT);
        assertThat(verdict.evidence()).containsExactly(seen("theBrowns", "11.250.42.13:41445"));
        assertThat(verdict.fixFor("theJoneses")).isEmpty();
    }

    @Test
    void aSiteSeenFromItsOwnAddressOnceIsNoEvidenceThatANatKeepsThePort() {
        SeenFromReports reports = new SeenFromReports();
        reports.dialledSiteReports("theBrowns", "10.1.0.2:5070");
        reports.dialledSiteReports("theBrowns", "11.250.42.12:40123");

        assertThat(NatVerdict.judge(reports, LINK_PORT, OWN, Optional.empty()).behaviour())
                .isEqualTo(NatBehaviour.CHANGES_PORT);
    }

    @Test
    void twoSitesSeeingTheSameOtherPortShowAMappingOfItsOwnForEverySite() {
        NatVerdict verdict = judge(seen("theBrowns", "11.250.42.12:40123"), seen("theGreens", "11.250.42.12:40123"));
        assertThat(verdict.behaviour()).isEqualTo(NatBehaviour.CHANGES_PORT_SAME_FOR_EVERY_SITE);
        assertThat(verdict.line()).startsWith("this site is behind a NAT that changes ports; it can link directly only "
                + "with public sites or with sites whose router maps ports (the same port for every site it dials: ");
    }

    @Test
    void aLinkWithNoAnswerBehindANatThatChangesPortsIsToldWhatWouldFixIt() {
        NatVerdict verdict = judge(seen("theBrowns", "11.250.42.12:40123"));
        assertThat(verdict.fixFor("theJoneses")).contains("this site's NAT changes ports, so theJoneses can reach it "
                + "only if theJoneses is public or its router maps ports; to fix: enable UPnP/NAT-PMP on the router "
                + "(with port-mapping = on), forward the link port 5070 to this machine, or relay through a site both "
                + "trust (with relay = on and both sites on its relay-allow list)");
    }

    @Test
    void whenTheRouterMapsTheLinkPortAnySiteCanDialItAndNothingNeedsFixing() {
        NatVerdict verdict = NatVerdict.judge(List.of(seen("theBrowns", "11.250.42.12:40123")), LINK_PORT, OWN,
                Optional.of("11.250.42.12:5070"));
        assertThat(verdict.behaviour()).isEqualTo(NatBehaviour.CHANGES_PORT);
        assertThat(verdict.line()).isEqualTo("this site is behind a NAT that changes ports, but its router maps the "
                + "link port to 11.250.42.12:5070, so any site can dial it (theBrowns sees link port 5070 as 11.250.42.12:40123)");
        assertThat(verdict.fixFor("theJoneses")).isEmpty();
    }
}
