package org.sipsocial.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.sipsocial.identity.SiteName;
import org.sipsocial.link.relay.RelayHeaders;
import org.sipsocial.sip.message.SipParser;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;

/** Issue 15's link requests of relaying, written and read back as the link's own OPTIONS. */
class RelayMessagesTest {
    private static final SiteName SMITHS = SiteName.of("theSmiths");
    private static final SiteName BROWNS = SiteName.of("theBrowns");
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 40123);

    private static SipRequest parse(String action, String headers) {
        return (SipRequest) SipParser.parse(LinkMessages.request(action, SMITHS, BROWNS, LOCAL, 1, headers, new byte[0]))
                .message();
    }

    @Test
    void aRelayRequestNamesItsTargetAndParsesAsAnOptionsWithItsAction() {
        SipRequest request = parse(RelayHeaders.RELAY, RelayHeaders.relayTo(SiteName.of("theJoneses")));
        assertThat(request.isMethod("OPTIONS")).isTrue();
        assertThat(request.headerValue(LinkMessages.ACTION_HEADER)).isEqualTo("relay");
        assertThat(RelayHeaders.site(request.headerValue(RelayHeaders.RELAY_TO))).isEqualTo(SiteName.of("theJoneses"));
    }

    @Test
    void anOfferCarriesTheAskerAndAOneTimeTokenThatTheJoinEchoes() {
        String token = RelayHeaders.newToken(new SecureRandom());
        assertThat(RelayHeaders.isToken(token)).isTrue();
        assertThat(RelayHeaders.newToken(new SecureRandom())).isNotEqualTo(token);
        SipRequest offer = parse(RelayHeaders.RELAY_OFFER, RelayHeaders.offer(SMITHS, token));
        assertThat(RelayHeaders.site(offer.headerValue(RelayHeaders.RELAY_FROM))).isEqualTo(SMITHS);
        SipRequest join = parse(RelayHeaders.RELAY_JOIN, RelayHeaders.join(offer.headerValue(RelayHeaders.RELAY_TOKEN)));
        assertThat(join.headerValue(RelayHeaders.RELAY_TOKEN)).isEqualTo(token);
    }

    @Test
    void aTokenOfAnyOtherFormIsNoToken() {
        assertThat(RelayHeaders.isToken(null)).isFalse();
        assertThat(RelayHeaders.isToken("abc")).isFalse();
        assertThat(RelayHeaders.isToken("0123456789ABCDEF0123456789abcdef")).isFalse();
        assertThat(RelayHeaders.site("not a site!")).isNull();
    }

    @Test
    void theRelaysRefusalIsAnAnswerWithItsStatusAndReasonAndTheSameAction() {
        SipRequest request = parse(RelayHeaders.RELAY, RelayHeaders.relayTo(SiteName.of("theJoneses")));
        SipResponse answer = (SipResponse) SipParser.parse(LinkMessages.response(request, 403, "Relay Off", LOCAL)).message();
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.reasonPhrase()).isEqualTo("Relay Off");
        assertThat(answer.headerValue(LinkMessages.ACTION_HEADER)).isEqualTo("relay");
    }
}
