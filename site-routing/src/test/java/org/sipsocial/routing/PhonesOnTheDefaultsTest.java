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
import org.sipsocial.routing.auth.DigestAlgorithm;
import org.sipsocial.routing.auth.DigestOffers;
import org.sipsocial.routing.auth.PhoneDevice;
import org.sipsocial.sip.message.SipResponse;
import org.slf4j.LoggerFactory;

/**
 * Phones that answer digest challenges differently all register on one site with the default settings
 * ({@code digest-algorithms} SHA-256,MD5), and the ones that can answer SHA-256 do.
 */
class PhonesOnTheDefaultsTest {
    private static final String BARESIP = "baresip v1.0.0 (x86_64/linux)";

    private final TestSite site = new TestSite();
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

    private SipResponse send(Phone phone, String callId, String authorization) {
        site.layer.onRequest(phone.request("REGISTER", "sip:theSmiths", callId, "", authorization), phone.hop());
        return site.onlyResponse();
    }

    private static List<String> algorithms(SipResponse challenge) {
        return (challenge.statusCode() == 407 ? challenge.proxyAuthenticate() : challenge.wwwAuthenticate()).stream()
                .map(h -> h.parameter("algorithm")).toList();
    }

    /** REGISTER, 401, the phone's answer, 200; returns the challenge it answered. */
    private SipResponse register(Phone phone, String callId) {
        SipResponse challenge = send(phone, callId, null);
        assertThat(challenge.statusCode()).isEqualTo(401);
        String answer = phone.answer(challenge, "REGISTER", "sip:theSmiths");
        assertThat(answer).as("%s gave up on challenges %s", phone.user, algorithms(challenge)).isNotNull();
        SipResponse ok = send(phone, callId, answer);
        assertThat(ok.statusCode()).as(ok.toString()).isEqualTo(200);
        return challenge;
    }

    private List<String> warnings() {
        return log.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void a_phone_answering_only_md5_and_one_answering_sha256_both_register_and_the_sha256_one_uses_sha256() {
        Phone baresip = new Phone("alice", "alice-secret", TestSite.phoneAddress(21), BARESIP, true);
        Phone linphone = new Phone("bob", "bob-secret", TestSite.phoneAddress(22), "Linphone/5.1.65 (belle-sip/5.1.64)", false);

        assertThat(algorithms(register(baresip, "a-reg"))).containsExactly("MD5");
        assertThat(algorithms(register(linphone, "b-reg"))).containsExactly("SHA-256", "MD5");

        assertThat(site.offers.answeredBy(new PhoneDevice("alice", BARESIP))).contains(DigestAlgorithm.MD5);
        assertThat(site.offers.answeredBy(new PhoneDevice("bob", "Linphone/5.1.65 (belle-sip/5.1.64)")))
                .contains(DigestAlgorithm.SHA_256);
        assertThat(site.metrics.counter("sipsocial.auth.successes", "algorithm", "SHA-256").count()).isEqualTo(1);
        assertThat(site.metrics.counter("sipsocial.auth.successes", "algorithm", "MD5").count()).isEqualTo(1);
        assertThat(warnings()).singleElement().satisfies(w -> assertThat(w).contains("alice", BARESIP, "MD5 alone", "TLS"));
    }

    @Test
    void a_phone_that_answered_sha256_is_challenged_with_sha256_alone_afterwards_also_for_its_calls() {
        Phone linphone = new Phone("bob", "bob-secret", TestSite.phoneAddress(22), "Linphone/5.1.65", false);
        register(linphone, "b-reg");
        assertThat(algorithms(send(linphone, "b-reg-2", null))).containsExactly("SHA-256");
        site.layer.onRequest(linphone.request("INVITE", "sip:alice@theSmiths", "call-1", "", null), linphone.hop());
        SipResponse proxyChallenge = site.onlyResponse();
        assertThat(proxyChallenge.statusCode()).isEqualTo(407);
        assertThat(algorithms(proxyChallenge)).containsExactly("SHA-256");
    }

    @Test
    void an_unknown_phone_that_gives_up_on_sha256_registers_when_it_asks_again_and_is_logged_once() {
        Phone quiet = new Phone("carol", "carol-secret", TestSite.phoneAddress(23), "DeskPhone/2.0", true);
        SipResponse first = send(quiet, "c-reg", null);
        assertThat(algorithms(first)).containsExactly("SHA-256", "MD5");
        assertThat(quiet.answer(first, "REGISTER", "sip:theSmiths")).isNull();

        // Like baresip, it tries again later in the same Call-ID, without credentials: now it is offered MD5 alone.
        assertThat(algorithms(register(quiet, "c-reg"))).containsExactly("MD5");
        assertThat(warnings()).singleElement().satisfies(w -> assertThat(w)
                .contains("carol", "DeskPhone/2.0", "did not answer", "MD5 alone", "update the phone"));

        register(quiet, "c-reg-after-restart");
        assertThat(warnings()).hasSize(1);
    }

    @Test
    void a_phone_sending_another_request_without_credentials_in_another_call_id_keeps_its_sha256_offer() {
        Phone linphone = new Phone("bob", "bob-secret", TestSite.phoneAddress(22), "Linphone/5.1.65", false);
        SipResponse first = send(linphone, "b-reg", null);
        assertThat(algorithms(send(linphone, "b-subscribe", null))).containsExactly("SHA-256", "MD5");
        SipResponse ok = send(linphone, "b-reg", linphone.answer(first, "REGISTER", "sip:theSmiths"));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(warnings()).isEmpty();
    }
}
