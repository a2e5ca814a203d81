package org.sipsocial.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.header.Via;

class ViaStampTest {
    private static final InetSocketAddress SOURCE = new InetSocketAddress("192.0.2.7", 40123);

    private static Via stamped(String sentBy, String parameters) {
        return ViaStamp.stamp(Messages.options(Transport.UDP, sentBy, parameters), SOURCE).topVia();
    }

    @Test
    void aSentByThatIsTheSourceAddressIsLeftAlone() {
        SipRequest request = Messages.options(Transport.UDP, "192.0.2.7:5060", "");

        assertThat(ViaStamp.stamp(request, SOURCE)).isSameAs(request);
    }

    @Test
    void aSentByWithAnotherAddressGetsReceived() {
        Via via = stamped("10.0.0.5:5060", "");

        assertThat(via.received()).isEqualTo("192.0.2.7");
        assertThat(via.hasRport()).isFalse();
        assertThat(via.sentBy()).isEqualTo("10.0.0.5:5060");
    }

    @Test
    void aSentByWithADomainNameGetsReceived() {
        assertThat(stamped("phone.example.com", "").received()).isEqualTo("192.0.2.7");
    }

    @Test
    void anEmptyRportIsFilledWithTheSourcePortAndReceivedIsAddedEvenWhenTheAddressMatches() {
        Via via = stamped("192.0.2.7:5060", ";rport");

        assertThat(via.rport()).isEqualTo(40123);
        assertThat(via.received()).isEqualTo("192.0.2.7");
    }

    @Test
    void receivedAndRportWrittenByTheSenderAreReplacedByWhatThePacketShows() {
        Via via = stamped("192.0.2.7:5060", ";received=203.0.113.9;rport=9");

        assertThat(via.received()).isEqualTo("192.0.2.7");
        assertThat(via.rport()).isEqualTo(40123);
    }

    @Test
    void anIpv6SourceIsWrittenWithoutBrackets() {
        InetSocketAddress v6 = new InetSocketAddress("2001:db8::1", 5062);

        Via via = ViaStamp.stamp(Messages.options(Transport.TCP, "[2001:db8::2]:5060", ";rport"), v6).topVia();

        assertThat(via.received()).isEqualTo("2001:db8::1");
        assertThat(via.rport()).isEqualTo(5062);
    }

    @Test
    void anIpv6SentByEqualToTheSourceInAnotherSpellingIsLeftAlone() {
        InetSocketAddress v6 = new InetSocketAddress("2001:db8::1", 5062);
        SipRequest request = Messages.options(Transport.TCP, "[2001:DB8:0:0::1]:5060", "");

        assertThat(ViaStamp.stamp(request, v6)).isSameAs(request);
    }

    @Test
    void onlyTheTopViaIsTouched() {
        String text = Messages.optionsText(Transport.UDP, "10.0.0.5", "").replace("Max-Forwards",
                "Via: SIP/2.0/UDP 10.0.0.9;branch=z9hG4bKlower\r\nMax-Forwards");
        SipRequest request = org.sipsocial.sip.message.SipParser.parse(text.getBytes()).request();

        SipRequest result = ViaStamp.stamp(request, SOURCE);

        assertThat(result.via()).hasSize(2);
        assertThat(result.via().get(1).received()).isNull();
        assertThat(result.via().get(1).branch()).isEqualTo("z9hG4bKlower");
    }
}
