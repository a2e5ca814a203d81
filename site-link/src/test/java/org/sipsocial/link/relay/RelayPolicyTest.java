package org.sipsocial.link.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sipsocial.identity.SiteName;

class RelayPolicyTest {
    private static final SiteName SMITHS = SiteName.of("theSmiths");
    private static final SiteName JONESES = SiteName.of("theJoneses");
    private static final SiteName GREENS = SiteName.of("theGreens");
    private final RelayPolicy both = new RelayPolicy(true, RelayPolicy.parseAllowList("theSmiths, theJoneses"), 2, 50_000);

    @Test
    void relayingIsOffByDefaultAndAnOffRelayRefusesEveryone() {
        assertThat(RelayPolicy.OFF.on()).isFalse();
        assertThat(RelayPolicy.OFF.decide(SMITHS, JONESES, true, true, 0)).contains(RelayRefusal.RELAY_OFF);
    }

    @Test
    void aLinkBetweenTwoAllowedListedLinkedSitesIsRelayed() {
        assertThat(both.decide(SMITHS, JONESES, true, true, 0)).isEmpty();
        assertThat(both.decide(SiteName.of("THESMITHS"), SiteName.of("thejoneses"), true, true, 1))
                .as("names compare ignoring case").isEmpty();
    }

    @Test
    void anAskerOrATargetOffTheAllowListIsRefused() {
        assertThat(both.decide(GREENS, JONESES, true, true, 0)).contains(RelayRefusal.ASKER_NOT_ALLOWED);
        assertThat(both.decide(SMITHS, GREENS, true, true, 0)).contains(RelayRefusal.TARGET_NOT_ALLOWED);
        assertThat(both.decide(SMITHS, SMITHS, true, true, 0)).contains(RelayRefusal.TARGET_NOT_ALLOWED);
    }

    @Test
    void aTargetOffTheNetworkConnectionListOrNotLinkedIsRefused() {
        assertThat(both.decide(SMITHS, JONESES, false, false, 0)).contains(RelayRefusal.TARGET_NOT_ALLOWED);
        assertThat(both.decide(SMITHS, JONESES, true, false, 0)).contains(RelayRefusal.TARGET_NOT_LINKED);
    }

    @Test
    void aRelayCarryingItsMaximumRefusesOneMore() {
        assertThat(both.decide(SMITHS, JONESES, true, true, 2)).contains(RelayRefusal.RELAY_FULL);
    }

    @Test
    void boundsOutsideTheirRangesAreRefusedQuotingTheValue() {
        assertThatThrownBy(() -> new RelayPolicy(true, Set.of(), 0, 50_000)).hasMessageContaining("relay-max-links 0");
        assertThatThrownBy(() -> new RelayPolicy(true, Set.of(), 1001, 50_000)).hasMessageContaining("1001");
        assertThatThrownBy(() -> new RelayPolicy(true, Set.of(), 1, 9_999)).hasMessageContaining("relay-bytes-per-second 9999");
    }

    @Test
    void theAllowListIsReadFromCommasAndSpacesAndWrittenBackSorted() {
        assertThat(RelayPolicy.parseAllowList(" theSmiths,theJoneses  theBrowns ")).hasSize(3);
        assertThat(RelayPolicy.parseAllowList("")).isEmpty();
        assertThat(both.allowList()).isEqualTo("theJoneses, theSmiths");
    }

    @Test
    void eachRefusalIsFoundAgainFromItsStatusAndReasonAndSaysItsLine() {
        for (RelayRefusal r : RelayRefusal.values()) {
            assertThat(RelayRefusal.of(r.status(), r.reason())).contains(r);
        }
        assertThat(RelayRefusal.of(200, "OK")).isEmpty();
        assertThat(RelayRefusal.RELAY_OFF.lasting()).as("until the relay's administrator changes it").isTrue();
        assertThat(RelayRefusal.TARGET_NOT_LINKED.lasting()).as("may pass at the next try").isFalse();
        assertThat(RelayRefusal.RELAY_OFF.line("theBrowns", "theSmiths", "theJoneses"))
                .isEqualTo("theBrowns does not relay (relay = off)");
        assertThat(RelayRefusal.ASKER_NOT_ALLOWED.line("theBrowns", "theSmiths", "theJoneses"))
                .isEqualTo("theBrowns does not relay for theSmiths (not on its relay-allow list)");
    }
}
