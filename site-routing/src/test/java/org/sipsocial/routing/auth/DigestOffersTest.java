package org.sipsocial.routing.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sipsocial.sip.message.SipParser;
import org.sipsocial.sip.message.SipRequest;
import org.slf4j.LoggerFactory;

class DigestOffersTest {
    private final Logger offersLog = (Logger) LoggerFactory.getLogger(DigestOffers.class);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void listen() {
        log.start();
        offersLog.addAppender(log);
    }

    @AfterEach
    void stopListening() {
        offersLog.detachAppender(log);
    }

    @Test
    void the_phones_known_to_answer_md5_only_are_recognised_by_user_agent() {
        assertThat(DigestOffers.knownMd5Only(new PhoneDevice("alice", "baresip v1.0.0 (x86_64/linux)"))).isTrue();
        assertThat(DigestOffers.knownMd5Only(new PhoneDevice("alice", "SIPp"))).isTrue();
        assertThat(DigestOffers.knownMd5Only(new PhoneDevice("alice", "baresip v3.10.1 (x86_64/linux)"))).isFalse();
        assertThat(DigestOffers.knownMd5Only(new PhoneDevice("alice", "Linphone/5.1.65"))).isFalse();
        assertThat(DigestOffers.knownMd5Only(new PhoneDevice("alice", ""))).isFalse();
    }

    @Test
    void the_site_list_is_offered_in_its_order_to_a_phone_it_knows_nothing_about() {
        DigestOffers md5First = new DigestOffers(List.of(DigestAlgorithm.MD5, DigestAlgorithm.SHA_256), new SimpleMeterRegistry());
        assertThat(md5First.challengeFor(request("Linphone/5.1.65", "c1"))).containsExactly(DigestAlgorithm.MD5, DigestAlgorithm.SHA_256);
    }

    @Test
    void an_md5_only_phone_on_a_site_that_offers_sha256_only_is_told_what_to_change_once() {
        DigestOffers shaOnly = new DigestOffers(List.of(DigestAlgorithm.SHA_256), new SimpleMeterRegistry());
        SipRequest register = request("baresip v1.0.0 (x86_64/linux)", "c1");
        assertThat(shaOnly.challengeFor(register)).containsExactly(DigestAlgorithm.SHA_256);
        assertThat(shaOnly.challengeFor(register)).containsExactly(DigestAlgorithm.SHA_256);
        assertThat(warnings()).singleElement().satisfies(w -> assertThat(w)
                .contains("alice", "baresip v1.0.0", "add MD5 to digest-algorithms in site.properties"));
    }

    @Test
    void an_unknown_phone_that_never_answers_a_sha256_only_site_is_told_what_to_change() {
        DigestOffers shaOnly = new DigestOffers(List.of(DigestAlgorithm.SHA_256), new SimpleMeterRegistry());
        shaOnly.challengeFor(request("DeskPhone/2.0", "c1"));
        shaOnly.arrivedWithoutCredentials(request("DeskPhone/2.0", "c1"));
        assertThat(shaOnly.challengeFor(request("DeskPhone/2.0", "c1"))).containsExactly(DigestAlgorithm.SHA_256);
        assertThat(warnings()).singleElement().satisfies(w -> assertThat(w)
                .contains("DeskPhone/2.0", "did not answer", "add MD5 to digest-algorithms"));
    }

    @Test
    void the_memory_keeps_at_most_max_devices_and_forgets_the_least_recently_seen() {
        DigestOffers offers = new DigestOffers(List.of(DigestAlgorithm.values()), new SimpleMeterRegistry());
        offers.authenticated(request("First/1", "c0"), DigestAlgorithm.MD5);
        for (int i = 0; i < DigestOffers.MAX_DEVICES; i++) {
            offers.challengeFor(request("Scanner/" + i, "c" + i));
        }
        assertThat(offers.answeredBy(new PhoneDevice("alice", "First/1"))).isEmpty();
    }

    private List<String> warnings() {
        return log.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static SipRequest request(String userAgent, String callId) {
        String text = "REGISTER sip:theSmiths SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.168.1.20:5060;branch=z9hG4bK" + callId + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "To: <sip:alice@theSmiths>\r\n"
                + "From: <sip:Alice@theSmiths>;tag=1928301774\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 REGISTER\r\n"
                + "User-Agent: " + userAgent + "\r\n"
                + "Content-Length: 0\r\n\r\n";
        return SipParser.parse(text.getBytes(StandardCharsets.UTF_8)).request();
    }
}
