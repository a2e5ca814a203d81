package org.sipsocial.server.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.sipsocial.link.portmap.PortMappingStatus;

class LinkedSitesTest {
    @Test
    void beforeAnyPeerReportsWhereItSeesThisSiteFromTheRoutersMappingIsThePublicAddress() {
        LinkedSites sites = new LinkedSites(null);
        assertThat(sites.seenFrom("theJoneses")).isNull();
        sites.attach(() -> new PortMappingStatus("router mapped 11.250.42.12:5070 to this site by PCP, renewed 18:40",
                Optional.of("11.250.42.12:5070")));
        assertThat(sites.seenFrom("theJoneses")).isEqualTo("11.250.42.12:5070");
    }

    @Test
    void withoutAMappingNothingIsKnownUntilAPeerReports() {
        LinkedSites sites = new LinkedSites(null);
        sites.attach(() -> PortMappingStatus.unmapped("no port mapping: the router did not answer PCP or NAT-PMP"));
        assertThat(sites.seenFrom("theJoneses")).isNull();
    }
}
