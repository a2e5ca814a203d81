package org.sipsocial.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.sipsocial.sip.message.header.Via;

class ResponseTargetTest {
    @Test
    void rportAndReceivedTakePrecedenceOverTheSentBy() {
        Via via = Via.parse("SIP/2.0/UDP phone.example.com:5070;branch=z9hG4bK1;received=192.0.2.7;rport=40123");

        assertThat(ResponseTarget.source(via, Transport.UDP)).isEqualTo(new InetSocketAddress("192.0.2.7", 40123));
    }

    @Test
    void withoutRportTheSentByPortIsUsedAtTheReceivedAddress() {
        Via via = Via.parse("SIP/2.0/UDP phone.example.com:5070;branch=z9hG4bK1;received=192.0.2.7");

        assertThat(ResponseTarget.source(via, Transport.UDP)).isEqualTo(new InetSocketAddress("192.0.2.7", 5070));
    }

    @Test
    void withoutAPortTheTransportsDefaultPortIsUsed() {
        assertThat(ResponseTarget.source(Via.parse("SIP/2.0/UDP 192.0.2.7;branch=z9hG4bK1"), Transport.UDP))
                .isEqualTo(new InetSocketAddress("192.0.2.7", 5060));
        assertThat(ResponseTarget.source(Via.parse("SIP/2.0/TLS 192.0.2.7;branch=z9hG4bK1"), Transport.TLS))
                .isEqualTo(new InetSocketAddress("192.0.2.7", 5061));
    }

    @Test
    void aNewConnectionForAResponseGoesToTheReceivedAddressAtTheSentByPortNotTheRport() {
        Via via = Via.parse("SIP/2.0/TCP phone.example.com:5070;branch=z9hG4bK1;received=192.0.2.7;rport=40123");

        assertThat(ResponseTarget.reconnect(via, Transport.TCP)).isEqualTo(new InetSocketAddress("192.0.2.7", 5070));
    }

    @Test
    void aDomainNameWithoutReceivedIsLeftUnresolvedForTheLayerAbove() {
        Via via = Via.parse("SIP/2.0/UDP phone.example.com;branch=z9hG4bK1");

        assertThat(ResponseTarget.source(via, Transport.UDP).isUnresolved()).isTrue();
    }

    @Test
    void maddrIsNotFollowed() {
        Via via = Via.parse("SIP/2.0/UDP 192.0.2.7:5060;branch=z9hG4bK1;maddr=255.255.255.255");

        assertThat(ResponseTarget.source(via, Transport.UDP)).isEqualTo(new InetSocketAddress("192.0.2.7", 5060));
    }

    @Test
    void anIpv6ReferenceIsReadWithoutLookup() {
        Via via = Via.parse("SIP/2.0/UDP [2001:db8::1]:5062;branch=z9hG4bK1");

        assertThat(ResponseTarget.source(via, Transport.UDP)).isEqualTo(new InetSocketAddress("2001:db8::1", 5062));
    }
}
