package org.sipsocial.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sipsocial.sip.message.SipMethod;
import org.sipsocial.sip.message.SipResponse;
import org.sipsocial.sip.transaction.Hop;
import org.slf4j.LoggerFactory;

/** A phone that sends SDES keys over plain UDP or TCP gets its call, and the site warns once per phone. */
class ExposedSdesKeysTest {
    static final String SDES_OFFER = "v=0\r\no=alice 1 1 IN IP4 10.0.0.21\r\ns=-\r\nc=IN IP4 10.0.0.21\r\nt=0 0\r\n"
            + "m=audio 4000 RTP/SAVP 0\r\na=rtpmap:0 PCMU/8000\r\n"
            + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:4\r\n";
    static final String PLAIN_OFFER = "v=0\r\no=alice 1 1 IN IP4 10.0.0.21\r\ns=-\r\nc=IN IP4 10.0.0.21\r\nt=0 0\r\n"
            + "m=audio 4000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

    private final TestSite site = new TestSite();
    private final Phone alice = new Phone("alice", "alice-secret", TestSite.phoneAddress(21), "Linphone/5.1.65", false);
    private final Phone bob = new Phone("bob", "bob-secret", TestSite.phoneAddress(22));
    private final Logger sdesLog = (Logger) LoggerFactory.getLogger(ExposedSdesKeys.class);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void listen() {
        log.start();
        sdesLog.addAppender(log);
        register(alice);
        register(bob);
    }

    @AfterEach
    void stopListening() {
        sdesLog.detachAppender(log);
    }

    private void register(Phone phone) {
        site.layer.onRequest(phone.request("REGISTER", "sip:theSmiths", phone.user + "-reg", "", null), phone.hop());
        SipResponse challenge = site.onlyResponse();
        site.layer.onRequest(phone.request("REGISTER", "sip:theSmiths", phone.user + "-reg", "",
                phone.answer(challenge, "REGISTER", "sip:theSmiths")), phone.hop());
        assertThat(site.onlyResponse().statusCode()).isEqualTo(200);
    }

    /** Alice calls bob over {@code hop} with {@code sdp}; returns whether the INVITE went on to bob. */
    private boolean call(String callId, String sdp, Hop hop) {
        site.layer.onRequest(alice.request("INVITE", "sip:bob@theSmiths", callId, "", null, sdp), hop);
        SipResponse challenge = site.onlyResponse();
        site.layer.onRequest(alice.request("INVITE", "sip:bob@theSmiths", callId, "",
                alice.answer(challenge, "INVITE", "sip:bob@theSmiths"), sdp), hop);
        return site.drain().stream().anyMatch(s -> s.message().isRequest() && s.request().isMethod(SipMethod.INVITE)
                && s.hop().address().equals(bob.address));
    }

    private List<String> warnings() {
        return log.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void sdes_keys_over_udp_are_forwarded_and_warned_about_once_per_phone() {
        assertThat(call("call-1", SDES_OFFER, alice.hop())).as("the call goes on").isTrue();
        assertThat(call("call-2", SDES_OFFER, alice.hop())).isTrue();
        assertThat(warnings()).singleElement().satisfies(w -> assertThat(w)
                .contains("alice's phone \"Linphone/5.1.65\"", "over UDP", "TLS", "5061", "cert export"));
    }

    @Test
    void sdes_keys_over_tls_and_plain_rtp_over_udp_are_not_warned_about() {
        assertThat(call("call-1", SDES_OFFER, Hop.tls(alice.address))).isTrue();
        assertThat(call("call-2", PLAIN_OFFER, alice.hop())).isTrue();
        assertThat(warnings()).isEmpty();
    }
}
