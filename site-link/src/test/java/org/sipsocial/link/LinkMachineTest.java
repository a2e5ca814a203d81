package org.sipsocial.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipsocial.identity.SiteName;
import org.sipsocial.testkit.ManualScheduler;

class LinkMachineTest {
    private static final SiteName SMITHS = SiteName.of("theSmiths");
    private static final SiteName HERE = SiteName.of("theJoneses");
    private static final LinkError TIMEOUT =
            new LinkError(LinkFailure.NO_ANSWER, "theSmiths", "203.0.113.7:5070", null);

    private final ManualScheduler time = new ManualScheduler();
    private final List<String> did = new ArrayList<>();
    private final List<Duration> patiences = new ArrayList<>();
    private static final LinkError REFUSED =
            new LinkError(LinkFailure.NOTHING_LISTENS, "theSmiths", "203.0.113.7:5070", null);
    private final LinkSettings settings = LinkSettings.defaults(new InetSocketAddress(5070));
    private final LinkMachine machine = new LinkMachine(SMITHS, settings, time.clock(),
            (delay, task) -> time.schedule(delay, task)::cancel, new LinkMachine.Actions() {
                @Override
                public void dial(Duration patience) {
                    did.add("dial@" + time.clock().instant());
                    patiences.add(patience);
                }

                @Override
                public void hangUp() {
                    did.add("hangUp");
                }

                @Override
                public void chose(LinkChoice choice) {
                    did.add("chose " + choice);
                }
            }, () -> 0.5);

    private long dials() {
        return did.stream().filter(s -> s.startsWith("dial")).count();
    }

    @Test
    void connectKeepsADialInProgressThroughTheTwoMinuteWindowEachWaitingUpToFifteenSeconds() {
        machine.connect();
        assertThat(machine.state()).isEqualTo(LinkState.CONNECTING);
        assertThat(did).containsExactly("chose CONNECT", "dial@2026-01-01T00:00:00Z");
        while (machine.state() == LinkState.CONNECTING) {
            time.advance(patiences.get(patiences.size() - 1));
            machine.dialFailed(TIMEOUT);
            time.advance(Duration.ZERO);
        }
        // a dial that used all its patience is followed at once by the next: one is always in progress
        assertThat(did).containsSubsequence("dial@2026-01-01T00:00:00Z", "dial@2026-01-01T00:00:15Z",
                "dial@2026-01-01T00:00:30Z", "dial@2026-01-01T00:01:45Z");
        assertThat(patiences).hasSize(8).containsOnly(Duration.ofSeconds(15));
        assertThat(machine.state()).isEqualTo(LinkState.FAILED);
        assertThat(machine.status().line())
                .isEqualTo("timeout: no answer from 203.0.113.7:5070 (if it is behind a NAT, ask its administrator to connect now)");
        time.advance(Duration.ofHours(1));
        assertThat(time.pending()).isZero();
    }

    @Test
    void aDialRefusedAtOnceIsTriedAgainAfterTheRetryInterval() {
        machine.connect();
        machine.dialFailed(REFUSED);
        time.advance(settings.retryInterval().minusMillis(1));
        assertThat(dials()).isEqualTo(1);
        time.advance(Duration.ofMillis(1));
        assertThat(dials()).isEqualTo(2);
        assertThat(machine.status().line()).isEqualTo("refused: nothing listens on 203.0.113.7:5070");
    }

    @Test
    void aDialThatEndsWithoutAnAnswerSoonIsFollowedNoSoonerThanTheRetryIntervalAfterItStarted() {
        machine.connect();
        time.advance(Duration.ofSeconds(1)); // "no route to host": the path is down
        machine.dialFailed(TIMEOUT);
        assertThat(time.nextDelay()).contains(settings.retryInterval().minusSeconds(1));
        machine.linked(HERE);
        machine.lost(new LinkError(LinkFailure.LINK_LOST, "theSmiths", "", null));
        time.advance(settings.firstBackoff());
        time.advance(Duration.ofMillis(2_900));
        machine.dialFailed(TIMEOUT);
        assertThat(time.nextDelay()).contains(Duration.ofMillis(100));
    }

    @Test
    void aDialThatMeetsTheOtherSitesDialDoesNotHideTheLastRealReason() {
        machine.connect();
        LinkError answering = new LinkError(LinkFailure.ANSWERING_THEIR_DIAL, "theSmiths", "203.0.113.7:5070", null);
        machine.dialFailed(answering);
        assertThat(machine.status().line()).isEqualTo("connecting: answering the dial of theSmiths");
        machine.dialFailed(REFUSED);
        time.advance(settings.retryInterval());
        machine.dialFailed(answering);
        assertThat(machine.status().line()).isEqualTo("refused: nothing listens on 203.0.113.7:5070");
    }

    @Test
    void theWaitBeforeADialIsSpreadByUpToTwentyPercentEitherWaySoTwoSitesDoNotStayInStep() {
        for (double draw : new double[] {0.0, 0.999_999}) {
            ManualScheduler clock = new ManualScheduler();
            List<String> dials = new ArrayList<>();
            LinkMachine spread = new LinkMachine(SMITHS, settings, clock.clock(),
                    (delay, task) -> clock.schedule(delay, task)::cancel, new LinkMachine.Actions() {
                        @Override
                        public void dial(Duration patience) {
                            dials.add("dial");
                        }

                        @Override
                        public void hangUp() {
                        }

                        @Override
                        public void chose(LinkChoice choice) {
                        }
                    }, () -> draw);
            spread.connect();
            spread.dialFailed(REFUSED);
            Duration expected = draw == 0.0 ? Duration.ofMillis(2_400) : Duration.ofMillis(3_600);
            assertThat(clock.nextDelay().orElseThrow()).isCloseTo(expected, Duration.ofMillis(1));
        }
    }

    @Test
    void aDialWithoutAnAnswerSaysSoWhileItGoesOnWaiting() {
        machine.connect();
        time.advance(settings.connectTimeout());
        machine.noAnswerYet(TIMEOUT);
        assertThat(machine.state()).isEqualTo(LinkState.CONNECTING);
        assertThat(machine.status().line()).startsWith("timeout: no answer from 203.0.113.7:5070");
        assertThat(dials()).isEqualTo(1);
        machine.linked(HERE);
        assertThat(machine.status().line()).startsWith("connected since ");
    }

    @Test
    void aConnectingLinkShowsItsLastErrorInOnePlainLine() {
        machine.connect();
        machine.dialFailed(TIMEOUT);
        assertThat(machine.status().line()).startsWith("timeout: no answer from 203.0.113.7:5070");
        assertThat(machine.status().state()).isEqualTo(LinkState.CONNECTING);
    }

    @Test
    void anAnswerThatTheOtherSideDisconnectedUsWaitsForTheOtherSideAndSaysWhy() {
        machine.connect();
        machine.peerRefuses(LinkError.of(LinkFailure.THEY_DISCONNECTED,
                new RemoteSite(SMITHS, "203.0.113.7", 5070, Certificates.site("theSmiths").certificate())));
        assertThat(machine.state()).isEqualTo(LinkState.WAITING_FOR_PEER);
        assertThat(machine.status().line())
                .isEqualTo("refused: theSmiths disconnected this link and has not pressed Connect since");
        time.advance(settings.retryInterval());
        assertThat(dials()).isEqualTo(2);
        machine.linked(HERE);
        assertThat(machine.state()).isEqualTo(LinkState.CONNECTED);
    }

    @Test
    void afterALostLinkEachDialWaitsTwiceAsLongUpToFifteenSecondsAndARefusedOneWaitsOutItsPatience() {
        machine.connect();
        machine.linked(HERE);
        machine.lost(new LinkError(LinkFailure.PEER_STOPPED_ANSWERING, "theSmiths", "", null));
        assertThat(machine.status().line()).isEqualTo("lost: theSmiths stopped answering keep-alives; trying again");
        assertThat(time.nextDelay()).contains(settings.firstBackoff());
        time.advance(settings.firstBackoff());
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            machine.dialFailed(REFUSED);
            Duration wait = time.nextDelay().orElseThrow();
            waits.add(wait);
            time.advance(wait);
        }
        List<Duration> lost = patiences.subList(1, 7); // the first was Connect's
        assertThat(lost).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofSeconds(15), Duration.ofSeconds(15), Duration.ofSeconds(15), Duration.ofSeconds(15));
        assertThat(waits).isEqualTo(lost);
        assertThat(machine.status().line()).isEqualTo("refused: nothing listens on 203.0.113.7:5070; trying again");

        // a dial that waited all its patience is followed at once by the next
        time.advance(patiences.get(patiences.size() - 1));
        machine.dialFailed(TIMEOUT);
        assertThat(time.nextDelay()).contains(Duration.ZERO);
        assertThat(machine.state()).isEqualTo(LinkState.FAILED);
        machine.linked(HERE);
        assertThat(machine.state()).isEqualTo(LinkState.CONNECTED);
        assertThat(time.pending()).isZero();
    }

    @Test
    void disconnectStopsEveryRetryAndTheLinkIsNoLongerWanted() {
        machine.connect();
        machine.dialFailed(TIMEOUT);
        machine.disconnect();
        assertThat(machine.state()).isEqualTo(LinkState.DISCONNECTED);
        assertThat(did).endsWith("chose DISCONNECT", "hangUp");
        time.advance(Duration.ofMinutes(10));
        assertThat(dials()).isEqualTo(1);
        assertThat(machine.status().line()).isEqualTo("disconnected");
    }

    @Test
    void aDisconnectFromTheOtherSideShowsWhoDisconnected() {
        machine.connect();
        machine.linked(HERE);
        machine.peerDisconnected();
        assertThat(machine.status().line()).isEqualTo("disconnected by theSmiths");
        assertThat(machine.wanted()).isFalse();
    }

    @Test
    void eventsThatDoNotApplyInAStateAreIgnored() {
        machine.dialFailed(TIMEOUT);
        machine.lost(TIMEOUT);
        machine.peerDisconnected();
        assertThat(machine.state()).isEqualTo(LinkState.DISCONNECTED);
        assertThat(did).isEmpty();
        machine.connect();
        machine.linked(HERE);
        machine.dialFailed(TIMEOUT);
        assertThat(machine.state()).isEqualTo(LinkState.CONNECTED);
    }

    @Test
    void aConnectedLinkShowsSinceWhenItsRoundTripAndTheAddressItIsSeenFrom() {
        machine.connect();
        machine.measured(Duration.ofMillis(42), "198.51.100.7:5070");
        machine.linked(HERE);
        assertThat(machine.status().line())
                .isEqualTo("connected since 2026-01-01 00:00:00 UTC, initiated by theJoneses, round trip 42 ms, "
                        + "seen from 198.51.100.7:5070");
    }

    @Test
    void aConnectFromTheOtherSideLinksWithoutOurConnectAndNamesItAsTheInitiator() {
        assertThat(machine.refuses()).isFalse();
        machine.linked(SMITHS);
        assertThat(machine.state()).isEqualTo(LinkState.CONNECTED);
        assertThat(machine.status().line()).startsWith("connected since 2026-01-01 00:00:00 UTC, initiated by theSmiths,");
        assertThat(machine.wanted()).isTrue();
        assertThat(did).containsExactly("chose CONNECT");
    }

    @Test
    void afterOurDisconnectTheOtherSideIsRefusedUntilWePressConnect() {
        machine.linked(SMITHS);
        machine.disconnect();
        assertThat(machine.refuses()).isTrue();
        machine.peerAsked();
        assertThat(machine.status().line()).isEqualTo("disconnected: theSmiths asks to connect");
        machine.connect();
        assertThat(machine.refuses()).isFalse();
        assertThat(did).endsWith("chose DISCONNECT", "hangUp", "chose CONNECT", "dial@2026-01-01T00:00:00Z");
    }

    @Test
    void aDisconnectPressedWhileAlreadyDisconnectedStillRefusesTheOtherSide() {
        machine.disconnect();
        assertThat(machine.state()).isEqualTo(LinkState.DISCONNECTED);
        assertThat(machine.refuses()).isTrue();
        assertThat(did).containsExactly("chose DISCONNECT", "hangUp");
    }

    @Test
    void aDisconnectFromTheOtherSideLeavesUsAcceptingItsNextConnect() {
        machine.connect();
        machine.linked(HERE);
        machine.peerDisconnected();
        assertThat(machine.refuses()).isFalse();
        assertThat(did).endsWith("chose NONE");
    }

    @Test
    void aSiteThatStartsResumesTheKeptChoice() {
        machine.resume(LinkChoice.DISCONNECT);
        assertThat(machine.refuses()).isTrue();
        assertThat(machine.state()).isEqualTo(LinkState.DISCONNECTED);
        assertThat(did).isEmpty();
        machine.resume(LinkChoice.CONNECT);
        assertThat(machine.state()).isEqualTo(LinkState.CONNECTING);
    }
}
