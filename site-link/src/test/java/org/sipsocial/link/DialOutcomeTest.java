package org.sipsocial.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ConnectTimeoutException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import org.junit.jupiter.api.Test;

class DialOutcomeTest {
    @Test
    void aRefusedConnectMeansNothingListensOnTheLinkPort() {
        assertThat(DialOutcome.ofConnect(new ConnectException("Connection refused"))).isEqualTo(LinkFailure.NOTHING_LISTENS);
    }

    @Test
    void aTakenFourTupleMeansTheOtherSitesDialIsArrivingAtOurListener() {
        assertThat(DialOutcome.ofConnect(new SocketException("Cannot assign requested address")))
                .isEqualTo(LinkFailure.ANSWERING_THEIR_DIAL);
        assertThat(DialOutcome.ofConnect(new BindException("Address already in use"))).isEqualTo(LinkFailure.ANSWERING_THEIR_DIAL);
    }

    @Test
    void aTimeoutOrAPathThatIsDownIsNoAnswer() {
        assertThat(DialOutcome.ofConnect(new ConnectTimeoutException("connection timed out"))).isEqualTo(LinkFailure.NO_ANSWER);
        assertThat(DialOutcome.ofConnect(new NoRouteToHostException("No route to host"))).isEqualTo(LinkFailure.NO_ANSWER);
    }
}
