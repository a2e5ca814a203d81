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
    private static final LinkError TIMEOUT =
            new LinkError(LinkFailure.NO_ANSWER, "theSmiths", "203.0.113.7:5070", null);

    private final ManualScheduler time = new ManualScheduler();
    private final List<String> did = new ArrayList<>();
    private final LinkSettings settings = LinkSettings.defaults(new InetSocketAddress(5070));
    private final LinkMachine machine = new LinkMachine(SMITHS, settings, time.clock(),
            (delay, task) -> time.schedule(delay, task)::cancel, new LinkMachine.Actions() {
                @Override
                public void dial() {
                    did.add("dial@" + time.clock().instant());
                }

                @Override
                public void hangUp() {
                    did.add("hangUp");
                }

                @Override
                public void wanted(boolean wanted) {
                    did.add("wanted=" + wanted);
                }
            });

    private long dials() {
        return did.stream().filter(s -> s.startsWith("dial")).count();
    }

    @Test
    void connectDialsAtOnceAndAgainAtShortIntervalsUntilTheTwoMinuteWindowCloses() {
        machine.connect();
        assertThat(machine.state()).isEqualTo(LinkState.CONNECTING);
        assertThat(did).containsExactly("wanted=true", "dial@2026-01-01T00:00:00Z");
        for (int i = 0; i < 100; i++) {
            if (machine.state() != LinkState.CONNECTING) break;
            machine.dialFailed(TIMEOUT);
            time.advance(settings.retryInterval());
        }
        assertThat(machine.state()).isEqualTo(LinkState.FAILED);
        assertThat(dials()).isEqualTo(settings.connectWindow().dividedBy(settings.retryInterval()));
        assertThat(machine.status().line())
                .isEqualTo("timeout: no answer from 203.0.113.7:5070 (if it is behind a NAT, ask its administrator to connect now)");
        time.advance(Duration.ofHours(1));
        assertThat(time.pending()).isZero();
    }

    @Test
    void aConnectingLinkShowsItsLastErrorInOnePlainLine() {
        machine.connect();
        machine.dialFailed(TIMEOUT);
        assertThat(machine.status().line()).startsWith("timeout: no answer from 203.0.113.7:5070");
        assertThat(machine.status().state()).isEqualTo(LinkState.CONNECTING);
    }

    @Test
    void anAnswerThatTheOtherSideHasNotPressedConnectWaitsForTheOtherSide() {
        machine.connect();
        machine.peerNotConnecting(LinkError.of(LinkFailure.NOT_CONNECTING,
                new RemoteSite(SMITHS, "203.0.113.7", 5070, Certificates.site("theSmiths").certificate())));
        assertThat(machine.status().line()).isEqualTo("waiting for the other side");
        time.advance(settings.retryInterval());
        assertThat(dials()).isEqualTo(2);
        machine.linked();
        assertThat(machine.state()).isEqualTo(LinkState.CONNECTED);
    }

    @Test
    void aLostLinkIsRetriedWithDoublingBackoffUpToTheMaximum() {
        machine.connect();
        machine.linked();
        machine.lost(new LinkError(LinkFailure.PEER_STOPPED_ANSWERING, "theSmiths", "", null));
        assertThat(machine.status().line()).isEqualTo("lost: theSmiths stopped answering keep-alives; trying again");
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Duration wait = time.nextDelay().orElseThrow();
            waits.add(wait);
            time.advance(wait);
            machine.dialFailed(TIMEOUT);
        }
        assertThat(waits).startsWith(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8));
        assertThat(waits.get(9)).isEqualTo(settings.maxBackoff());
        assertThat(machine.state()).isEqualTo(LinkState.FAILED);
        machine.linked();
        assertThat(machine.state()).isEqualTo(LinkState.CONNECTED);
        assertThat(time.pending()).isZero();
    }

    @Test
    void disconnectStopsEveryRetryAndTheLinkIsNoLongerWanted() {
        machine.connect();
        machine.dialFailed(TIMEOUT);
        machine.disconnect();
        assertThat(machine.state()).isEqualTo(LinkState.DISCONNECTED);
        assertThat(did).endsWith("wanted=false", "hangUp");
        time.advance(Duration.ofMinutes(10));
        assertThat(dials()).isEqualTo(1);
        assertThat(machine.status().line()).isEqualTo("disconnected");
    }

    @Test
    void aDisconnectFromTheOtherSideShowsWhoDisconnected() {
        machine.connect();
        machine.linked();
        machine.peerDisconnected();
        assertThat(machine.status().line()).isEqualTo("disconnected by theSmiths");
        assertThat(machine.wanted()).isFalse();
    }

    @Test
    void eventsThatDoNotApplyInAStateAreIgnored() {
        machine.dialFailed(TIMEOUT);
        machine.linked();
        assertThat(machine.state()).isEqualTo(LinkState.DISCONNECTED);
        machine.connect();
        machine.linked();
        machine.dialFailed(TIMEOUT);
        assertThat(machine.state()).isEqualTo(LinkState.CONNECTED);
    }

    @Test
    void aConnectedLinkShowsSinceWhenItsRoundTripAndTheAddressItIsSeenFrom() {
        machine.connect();
        machine.measured(Duration.ofMillis(42), "198.51.100.7:5070");
        machine.linked();
        assertThat(machine.status().line())
                .isEqualTo("connected since 2026-01-01 00:00:00 UTC, round trip 42 ms, seen from 198.51.100.7:5070");
    }
}
