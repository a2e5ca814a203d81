package org.sipsocial.routing;

import java.time.Duration;
import java.nio.charset.StandardCharsets;
import org.sipsocial.sip.message.SipParser;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.sipsocial.sip.message.Responses;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;
import org.sipsocial.sip.message.header.NameAddress;

/** The site core end to end in one JVM: real transactions, registrar and proxy; phones written as text. */
class SiteCoreTest {
    private final TestSite site = new TestSite();
    private final Phone alice = new Phone("alice", "alice-secret", TestSite.phoneAddress(21));
    private final Phone bob = new Phone("bob", "bob-secret", TestSite.phoneAddress(22));

    /** Alice's INVITE to {@code target} after the proxy challenge; returns what the site sent. */
    private List<TestSite.Sent> inviteWithAuth(String target, String callId) {
        SipResponse challenge = site.send(alice, alice.request("INVITE", target, callId, "", null));
        assertThat(challenge.statusCode()).isEqualTo(407);
        site.layer.onRequest(alice.request("INVITE", target, callId, "", alice.answer(challenge, "INVITE", target)), alice.hop());
        return site.drain();
    }

    @Test
    void a_register_without_credentials_is_challenged_with_sha256_then_md5() {
        SipResponse challenge = site.send(alice, alice.request("REGISTER", "sip:theSmiths", "c1", "", null));
        assertThat(challenge.statusCode()).isEqualTo(401);
        assertThat(challenge.wwwAuthenticate()).extracting(h -> h.parameter("algorithm")).containsExactly("SHA-256", "MD5");
        assertThat(challenge.wwwAuthenticate()).allMatch(h -> "theSmiths".equals(h.parameter("realm")) && "auth".equals(h.parameter("qop")));
    }

    @Test
    void a_phone_registers_with_digest_and_is_found_in_the_location_service() {
        site.register(alice);
        assertThat(site.location.lookup("alice", site.scheduler.clock().instant()))
                .extracting(b -> b.contact().uri().toString()).containsExactly("sip:alice@10.0.0.21:5060");
    }

    @Test
    void a_user_may_not_register_someone_else() {
        SipRequest first = alice.request("REGISTER", "sip:theSmiths", "c1", "", null);
        SipResponse challenge = site.send(alice, first);
        String text = alice.request("REGISTER", "sip:theSmiths", "c1", "", alice.answer(challenge, "REGISTER", "sip:theSmiths"))
                .toString().replace("To: <sip:alice@theSmiths>", "To: <sip:bob@theSmiths>");
        SipResponse refused = site.send(alice, SipParser.parse(text.getBytes(StandardCharsets.UTF_8)).request());
        assertThat(refused.statusCode()).isEqualTo(403);
    }

    @Test
    void a_call_between_two_registered_phones_is_proxied_with_record_route_and_answered_back() {
        site.register(alice);
        site.register(bob);
        List<TestSite.Sent> out = inviteWithAuth("sip:bob@theSmiths", "call-1");
        assertThat(out).extracting(s -> s.message().isRequest() ? "request" : ((SipResponse) s.message()).statusCode() + "")
                .containsExactlyInAnyOrder("100", "request");
        TestSite.Sent forwarded = out.stream().filter(s -> s.message().isRequest()).findFirst().orElseThrow();
        SipRequest invite = forwarded.request();
        assertThat(forwarded.hop()).isEqualTo(bob.hop());
        assertThat(invite.requestUri().toString()).isEqualTo("sip:bob@10.0.0.22:5060");
        assertThat(invite.maxForwards()).isEqualTo(69);
        assertThat(invite.via()).hasSize(2);
        assertThat(invite.topVia().host()).isEqualTo("10.0.0.1");
        assertThat(invite.recordRoutes()).extracting(NameAddress::toString).containsExactly("<sip:10.0.0.1:5060;lr>");

        site.layer.onResponse(Responses.create(invite, 180, "Ringing", "bobtag").build(), bob.hop());
        SipResponse ringing = site.onlyResponse();
        assertThat(ringing.statusCode()).isEqualTo(180);
        assertThat(ringing.via()).hasSize(1);
        site.layer.onResponse(Responses.create(invite, 200, "OK", "bobtag").build(), bob.hop());
        SipResponse ok = site.onlyResponse();
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.to().tag()).isEqualTo("bobtag");
    }

    @Test
    void an_ack_and_a_bye_in_the_dialog_follow_the_record_route_without_a_challenge() {
        site.register(alice);
        site.register(bob);
        SipRequest invite = inviteWithAuth("sip:bob@theSmiths", "call-2").stream()
                .filter(s -> s.message().isRequest()).findFirst().orElseThrow().request();
        site.layer.onResponse(Responses.create(invite, 200, "OK", "bobtag").build(), bob.hop());
        site.drain();
        assertThat(site.calls.list()).singleElement().satisfies(call -> {
            assertThat(call.callId()).isEqualTo("call-2");
            assertThat(call.caller()).isEqualTo("alice@theSmiths");
            assertThat(call.callee()).isEqualTo("bob@theSmiths");
            assertThat(call.site()).as("within this site").isNull();
        });
        String inDialog = "Via: SIP/2.0/UDP 10.0.0.21:5060;branch=z9hG4bKack1\r\nMax-Forwards: 70\r\n"
                + "From: <sip:alice@theSmiths>;tag=alicetag\r\nTo: <sip:bob@theSmiths>;tag=bobtag\r\nCall-ID: call-2\r\n"
                + "Route: <sip:10.0.0.1:5060;lr>\r\n";
        SipRequest ack = parse("ACK sip:bob@10.0.0.22:5060 SIP/2.0\r\n" + inDialog + "CSeq: 2 ACK\r\nContent-Length: 0\r\n\r\n");
        site.layer.onRequest(ack, alice.hop());
        List<TestSite.Sent> acks = site.drain();
        assertThat(acks).hasSize(1);
        assertThat(acks.get(0).hop()).isEqualTo(bob.hop());
        assertThat(acks.get(0).request().routes()).isEmpty();
        SipRequest bye = parse("BYE sip:bob@10.0.0.22:5060 SIP/2.0\r\n" + inDialog.replace("z9hG4bKack1", "z9hG4bKbye1")
                + "CSeq: 3 BYE\r\nContent-Length: 0\r\n\r\n");
        site.layer.onRequest(bye, alice.hop());
        List<TestSite.Sent> byes = site.drain();
        assertThat(byes).hasSize(1);
        assertThat(byes.get(0).request().method()).isEqualTo("BYE");
        assertThat(byes.get(0).hop()).isEqualTo(bob.hop());
        assertThat(site.calls.list()).as("the BYE ended the call").isEmpty();
    }

    @Test
    void unknown_and_unregistered_users_get_404_and_480_but_only_after_authentication() {
        site.register(alice);
        assertThat(inviteWithAuth("sip:nobody@theSmiths", "call-3")).extracting(s -> s.response().statusCode())
                .contains(404);
        assertThat(inviteWithAuth("sip:carol@theSmiths", "call-4")).extracting(s -> s.response().statusCode())
                .contains(480);
    }

    @Test
    void an_unauthenticated_sender_gets_the_same_challenge_for_existing_and_missing_users() {
        for (String method : List.of("INVITE", "OPTIONS", "MESSAGE")) {
            SipResponse existing = site.send(alice, alice.request(method, "sip:bob@theSmiths", "e-" + method, "", null));
            SipResponse missing = site.send(alice, alice.request(method, "sip:nobody@theSmiths", "m-" + method, "", null));
            assertThat(existing.statusCode()).isEqualTo(407).isEqualTo(missing.statusCode());
            assertThat(existing.reasonPhrase()).isEqualTo(missing.reasonPhrase());
            assertThat(existing.headers().size()).isEqualTo(missing.headers().size());
        }
        SipResponse registerExisting = site.send(alice, alice.request("REGISTER", "sip:theSmiths", "r1", "", null));
        Phone stranger = new Phone("nobody", "x", TestSite.phoneAddress(30));
        SipResponse registerMissing = site.send(stranger, stranger.request("REGISTER", "sip:theSmiths", "r2", "", null));
        assertThat(registerExisting.statusCode()).isEqualTo(401).isEqualTo(registerMissing.statusCode());
    }

    @Test
    void a_phone_that_claims_another_identity_is_refused() {
        site.register(alice);
        site.register(bob);
        SipResponse challenge = site.send(alice, alice.request("INVITE", "sip:bob@theSmiths", "spoof", "", null));
        String text = alice.request("INVITE", "sip:bob@theSmiths", "spoof", "", alice.answer(challenge, "INVITE", "sip:bob@theSmiths"))
                .toString().replace("From: <sip:alice@theSmiths>", "From: <sip:alice@theJoneses>");
        site.layer.onRequest(parse(text), alice.hop());
        assertThat(site.drain()).extracting(s -> s.response().statusCode()).contains(403);
    }

    @Test
    void unknown_proxy_require_gets_420_with_unsupported_and_max_forwards_zero_gets_483() {
        SipResponse bad = site.send(alice, alice.request("INVITE", "sip:bob@theSmiths", "ext", "Proxy-Require: noodles, foo\r\n", null));
        assertThat(bad.statusCode()).isEqualTo(420);
        assertThat(bad.headerValue("Unsupported")).isEqualTo("noodles, foo");
        String zero = alice.request("OPTIONS", "sip:bob@theSmiths", "mf", "", null).toString().replace("Max-Forwards: 70", "Max-Forwards: 0");
        site.layer.onRequest(parse(zero), alice.hop());
        assertThat(site.onlyResponse().statusCode()).isEqualTo(483);
    }

    @Test
    void a_cancel_is_answered_and_relayed_after_the_callee_rang_and_the_caller_gets_487() {
        site.register(alice);
        site.register(bob);
        SipRequest original = null;
        SipResponse challenge = site.send(alice, alice.request("INVITE", "sip:bob@theSmiths", "cx", "", null));
        original = alice.request("INVITE", "sip:bob@theSmiths", "cx", "", alice.answer(challenge, "INVITE", "sip:bob@theSmiths"));
        site.layer.onRequest(original, alice.hop());
        SipRequest forwarded = site.drain().stream().filter(s -> s.message().isRequest()).findFirst().orElseThrow().request();
        site.layer.onResponse(Responses.create(forwarded, 180, "Ringing", "bobtag").build(), bob.hop());
        site.drain();
        String cancel = original.toString().replaceFirst("INVITE sip:", "CANCEL sip:").replaceFirst("CSeq: (\\d+) INVITE", "CSeq: $1 CANCEL")
                .replaceAll("Proxy-Authorization: [^\r]*\r\n", "");
        site.layer.onRequest(parse(cancel), alice.hop());
        List<TestSite.Sent> out = site.drain();
        assertThat(out).anySatisfy(s -> assertThat(s.message().isRequest() ? "" : s.response().statusCode() + " " + s.response().cSeq().method())
                .isEqualTo("200 CANCEL"));
        SipRequest downstreamCancel = out.stream().filter(s -> s.message().isRequest()).findFirst().orElseThrow().request();
        assertThat(downstreamCancel.method()).isEqualTo("CANCEL");
        assertThat(downstreamCancel.topVia().branch()).isEqualTo(forwarded.topVia().branch());
        site.layer.onResponse(Responses.create(forwarded, 487, "Request Terminated", "bobtag").build(), bob.hop());
        assertThat(site.drain()).extracting(s -> s.message().isRequest() ? "ACK" : s.response().statusCode() + "")
                .contains("487");
    }

    @Test
    void a_request_to_two_contacts_forks_and_the_best_final_response_wins() {
        site.register(alice);
        site.register(bob);
        Phone bobDesk = new Phone("bob", "bob-secret", TestSite.phoneAddress(23));
        SipResponse challenge = site.send(bobDesk, bobDesk.request("REGISTER", "sip:theSmiths", "bob-desk", "", null));
        site.send(bobDesk, bobDesk.request("REGISTER", "sip:theSmiths", "bob-desk", "", bobDesk.answer(challenge, "REGISTER", "sip:theSmiths")));
        List<SipRequest> forks = inviteWithAuth("sip:bob@theSmiths", "fork").stream().filter(s -> s.message().isRequest())
                .map(TestSite.Sent::request).toList();
        assertThat(forks).hasSize(2);
        site.layer.onResponse(Responses.create(forks.get(0), 486, "Busy Here", "b1").build(), bob.hop());
        assertThat(site.drain()).noneMatch(s -> !s.message().isRequest() && s.response().statusCode() >= 400);
        site.layer.onResponse(Responses.create(forks.get(1), 404, "Not Found", "b2").build(), bobDesk.hop());
        assertThat(site.drain()).extracting(s -> s.message().isRequest() ? "ACK" : s.response().statusCode() + "")
                .contains("404");
    }

    @Test
    void repeated_failed_authentication_blocks_the_source() throws Exception {
        Phone guesser = new Phone("alice", "wrong", TestSite.phoneAddress(66));
        for (int i = 0; i < 10; i++) {
            SipResponse challenge = site.send(guesser, guesser.request("REGISTER", "sip:theSmiths", "g" + i, "", null));
            site.layer.onRequest(guesser.request("REGISTER", "sip:theSmiths", "g" + i, "",
                    guesser.answer(challenge, "REGISTER", "sip:theSmiths")), guesser.hop());
            site.scheduler.advance(Duration.ofSeconds(10));
            site.drain();
        }
        assertThat(site.throttle.isBlocked(InetAddress.getByName("10.0.0.66"))).isTrue();
        assertThat(site.throttle.isBlocked(InetAddress.getByName("10.0.0.21"))).isFalse();
        assertThat(site.metrics.counter("sipsocial.auth.blocks").count()).isEqualTo(1.0);
    }

    private static SipRequest parse(String text) {
        return SipParser.parse(text.getBytes(StandardCharsets.UTF_8)).request();
    }

    @Test
    void a_stopping_site_answers_waiting_calls_with_503_cancels_their_branches_and_refuses_new_requests() {
        site.register(alice);
        site.register(bob);
        SipRequest forwarded = inviteWithAuth("sip:bob@theSmiths", "stop").stream().filter(s -> s.message().isRequest())
                .findFirst().orElseThrow().request();
        site.layer.onResponse(Responses.create(forwarded, 180, "Ringing", "bobtag").build(), bob.hop());
        site.drain();
        site.core.stop();
        List<TestSite.Sent> out = site.drain();
        assertThat(out).anySatisfy(s -> assertThat(s.message().isRequest() ? s.request().method() : "").isEqualTo("CANCEL"));
        assertThat(out).anySatisfy(s -> assertThat(s.message().isRequest() ? 0 : s.response().statusCode()).isEqualTo(503));
        SipResponse later = site.send(alice, alice.request("OPTIONS", "sip:bob@theSmiths", "late", "", null));
        assertThat(later.statusCode()).isEqualTo(503);
        assertThat(later.headerValue("Retry-After")).isEqualTo("30");
    }
}
