package org.sipsocial.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.sipsocial.identity.SiteName;
import org.sipsocial.sip.message.SipParser;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;

class LinkMessagesTest {
    private final SipRequest probe = SipParser.parse(LinkMessages.request(LinkMessages.PROBE, SiteName.of("theSmiths"),
            SiteName.of("theJoneses"), new InetSocketAddress("10.0.0.5", 5070), 7)).request();

    @Test
    void aLinkRequestIsAnOptionsToTheOtherSiteNamingItsAction() {
        assertThat(probe.startLine()).isEqualTo("OPTIONS sip:theJoneses SIP/2.0");
        assertThat(probe.headerValue("Link-Action")).isEqualTo("probe");
        assertThat(probe.topVia().sentBy()).isEqualTo("10.0.0.5:5070");
        assertThat(probe.topVia().hasRport()).isTrue();
        assertThat(probe.cSeq().toString()).isEqualTo("7 OPTIONS");
    }

    @Test
    void theAnswerCarriesTheAddressTheAskerIsSeenFromInItsTopVia() {
        SipResponse ok = SipParser.parse(LinkMessages.response(probe, 200, "OK",
                new InetSocketAddress("203.0.113.7", 40123))).response();
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headerValue("Link-Action")).isEqualTo("probe");
        InetSocketAddress seen = LinkMessages.seenFrom(ok.topVia());
        assertThat(seen.getHostString() + ":" + seen.getPort()).isEqualTo("203.0.113.7:40123");
        assertThat(ok.callId()).isEqualTo(probe.callId());
    }

    @Test
    void aViaWithoutReceivedSaysNothingAboutWhereWeAreSeenFrom() {
        assertThat(LinkMessages.seenFrom(probe.topVia())).isNull();
    }
}
