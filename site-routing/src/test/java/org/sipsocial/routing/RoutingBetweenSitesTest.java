package org.sipsocial.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sipsocial.routing.federation.ConnectedSites.Reach;
import org.sipsocial.sip.message.Responses;
import org.sipsocial.sip.message.SipParser;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;
import org.sipsocial.sip.message.header.NameAddress;
import org.sipsocial.sip.transaction.Hop;

/**
 * The proxy's one routing decision between sites (issue 10): the Network Connection list is the only routing
 * table, a link speaks only for its own site, nothing is relayed from one link to another, and an address that
 * is neither a phone nor a link reaches no phone.
 */
class RoutingBetweenSitesTest {
    private final TestSite site = new TestSite();
    private final Phone alice = new Phone("alice", "alice-secret", TestSite.phoneAddress(21));
    private final Phone bob = new Phone("bob", "bob-secret", TestSite.phoneAddress(22));
    private final Hop joneses = Hop.link("theJoneses");

    @BeforeEach
    void theJonesesAreConnectedAndTheBrownsListed() {
        site.otherSites.put("theJoneses", Reach.CONNECTED);
        site.otherSites.put("theBrowns", Reach.NOT_CONNECTED);
    }

    /** Alice's request to {@code target} after the proxy challenge; returns what the site sent. */
    private List<TestSite.Sent> fromAlice(String method, String target, String extra) {
        SipResponse challenge = site.send(alice, alice.request(method, target, method + "-1", extra, null));
        assertThat(challenge.statusCode()).isEqualTo(407);
        site.layer.onRequest(alice.request(method, target, method + "-1", extra, alice.answer(challenge, method, target)), alice.hop());
        return site.drain();
    }

    private static TestSite.Sent onlyRequest(List<TestSite.Sent> sent) {
        List<TestSite.Sent> requests = sent.stream().filter(s -> s.message().isRequest()).toList();
        assertThat(requests).as(sent.toString()).hasSize(1);
        return requests.get(0);
    }

    private static SipResponse finalResponse(List<TestSite.Sent> sent) {
        return sent.stream().filter(s -> !s.message().isRequest() && s.response().statusCode() >= 200)
                .map(TestSite.Sent::response).findFirst().orElseThrow(() -> new AssertionError("no final response in " + sent));
    }

    /** A request as the link with theJoneses hands it up (the link boundary has already run). */
    private static SipRequest fromJoneses(String method, String requestUri, String from, String extra) {
        return SipParser.parse(("" + method + " " + requestUri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/TLS theJoneses;branch=z9hG4bK" + method + requestUri.hashCode() + "\r\n"
                + "Max-Forwards: 69\r\n"
                + "From: <" + from + ">;tag=j1\r\n"
                + "To: <" + requestUri + ">\r\n"
                + "Call-ID: j-call@theJoneses\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + "Contact: <sip:tok@theJoneses>\r\n"
                + extra
                + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.UTF_8)).request();
    }

    private List<TestSite.Sent> overTheLink(SipRequest request) {
        site.layer.onRequest(request, joneses);
        return site.drain();
    }

    @Test
    void a_call_to_a_user_of_a_connected_site_goes_over_its_link_with_the_caller_asserted_by_this_site() {
        site.register(alice);
        TestSite.Sent out = onlyRequest(fromAlice("INVITE", "sip:carol@theJoneses", "P-Asserted-Identity: <sip:boss@theSmiths>\r\n"));
        assertThat(out.hop()).isEqualTo(joneses);
        assertThat(out.request().requestUri().toString()).isEqualTo("sip:carol@theJoneses");
        assertThat(out.request().pAssertedIdentities()).extracting(NameAddress::toString).containsExactly("<sip:alice@theSmiths>");
        // One Record-Route, for the phone's side: the link boundary shows the other site our name instead.
        assertThat(out.request().recordRoutes()).extracting(NameAddress::toString).containsExactly("<sip:10.0.0.1:5060;lr>");
    }

    @Test
    void a_call_to_a_site_on_the_list_that_is_not_connected_gets_480_saying_so() {
        SipResponse answer = finalResponse(fromAlice("INVITE", "sip:carol@theBrowns", ""));
        assertThat(answer.statusCode()).isEqualTo(480);
        assertThat(answer.reasonPhrase()).isEqualTo("Temporarily Unavailable (theBrowns is not connected)");
    }

    @Test
    void a_call_to_a_site_not_on_the_list_gets_404_saying_so_and_is_never_looked_up() {
        SipResponse answer = finalResponse(fromAlice("MESSAGE", "sip:carol@nowhere", ""));
        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.reasonPhrase()).isEqualTo("Not Found (nowhere is not a connected site)");
    }

    @Test
    void a_request_from_a_link_for_a_user_of_this_site_rings_every_phone_the_user_registered() {
        site.register(bob);
        Phone bobsMobile = new Phone("bob", "bob-secret", TestSite.phoneAddress(23));
        site.register(bobsMobile);
        List<TestSite.Sent> out = overTheLink(fromJoneses("INVITE", "sip:bob@theSmiths", "sip:carol@theJoneses",
                "P-Asserted-Identity: <sip:carol@theJoneses>\r\nRecord-Route: <sip:theJoneses;lr>\r\n"));
        List<TestSite.Sent> invites = out.stream().filter(s -> s.message().isRequest()).toList();
        assertThat(invites).extracting(TestSite.Sent::hop).containsExactlyInAnyOrder(bob.hop(), bobsMobile.hop());
        SipRequest invite = invites.get(0).request();
        assertThat(invite.pAssertedIdentities()).extracting(NameAddress::toString).containsExactly("<sip:carol@theJoneses>");
        assertThat(invite.recordRoutes()).extracting(NameAddress::toString)
                .containsExactly("<sip:10.0.0.1:5060;lr>", "<sip:theJoneses;lr>");
    }

    @Test
    void the_answer_of_a_phone_goes_back_over_the_link_and_a_phone_gets_our_record_route_for_its_own_side() {
        site.register(alice);
        SipRequest forwarded = onlyRequest(fromAlice("INVITE", "sip:carol@theJoneses", "")).request();
        // The other site answers with our link name in the Record-Route, as its link boundary rewrote it.
        SipResponse ok = Responses.create(forwarded, 200, "OK", "carol1").addHeader("Record-Route", "<sip:theJoneses;lr>")
                .addHeader("Record-Route", "<sip:theSmiths;lr>").build();
        site.layer.onResponse(ok.toBuilder().removeHeaders("Via").addHeader("Via", forwarded.topVia().toString()).build(), joneses);
        SipResponse toAlice = site.onlyResponse();
        assertThat(toAlice.statusCode()).isEqualTo(200);
        assertThat(toAlice.via()).extracting(v -> v.host()).containsExactly("10.0.0.21");
        assertThat(toAlice.recordRoutes()).extracting(NameAddress::toString)
                .containsExactly("<sip:theJoneses;lr>", "<sip:10.0.0.1:5060;lr>");
    }

    @Test
    void a_link_that_speaks_for_another_site_is_refused_with_403_and_counted() {
        site.register(bob);
        SipResponse spoofedFrom = finalResponse(overTheLink(fromJoneses("MESSAGE", "sip:bob@theSmiths", "sip:mallory@theBrowns", "")));
        assertThat(spoofedFrom.statusCode()).isEqualTo(403);
        assertThat(spoofedFrom.reasonPhrase()).isEqualTo("Forbidden (a site may speak only for its own users)");

        SipResponse spoofedAssertion = finalResponse(overTheLink(fromJoneses("INVITE", "sip:bob@theSmiths", "sip:carol@theJoneses",
                "P-Asserted-Identity: <sip:ceo@theSmiths>\r\n")));
        assertThat(spoofedAssertion.statusCode()).isEqualTo(403);
        assertThat(spoofedAssertion.reasonPhrase()).isEqualTo("Forbidden (P-Asserted-Identity names another site)");

        assertThat(site.metrics.counter("sipsocial_link_refusals", "site", "theJoneses", "reason", "from_another_site").count()).isEqualTo(1);
        assertThat(site.metrics.counter("sipsocial_link_refusals", "site", "theJoneses", "reason", "asserted_for_another_site").count()).isEqualTo(1);
    }

    @Test
    void a_site_never_relays_a_request_from_one_link_onto_another() {
        SipResponse forAnotherSite = finalResponse(overTheLink(fromJoneses("INVITE", "sip:dan@theBrowns", "sip:carol@theJoneses", "")));
        assertThat(forAnotherSite.statusCode()).isEqualTo(403);
        assertThat(forAnotherSite.reasonPhrase()).startsWith("Forbidden (no transit");
        site.otherSites.put("theBrowns", Reach.CONNECTED);
        SipResponse routedOn = finalResponse(overTheLink(fromJoneses("BYE", "sip:dan@theBrowns", "sip:carol@theJoneses",
                "Route: <sip:theBrowns;lr>\r\n")));
        assertThat(routedOn.statusCode()).isEqualTo(403);
        SipResponse register = finalResponse(overTheLink(fromJoneses("REGISTER", "sip:theSmiths", "sip:carol@theJoneses", "")));
        assertThat(register.statusCode()).isEqualTo(403);
    }

    @Test
    void a_callers_privacy_request_keeps_the_asserted_identity_from_the_callee() {
        site.register(bob);
        List<TestSite.Sent> out = overTheLink(fromJoneses("INVITE", "sip:bob@theSmiths", "sip:anonymous@theJoneses",
                "P-Asserted-Identity: <sip:carol@theJoneses>\r\nPrivacy: id\r\n"));
        assertThat(onlyRequest(out).request().pAssertedIdentities()).isEmpty();
    }

    @Test
    void a_request_inside_a_dialog_from_an_address_that_is_neither_a_phone_nor_a_link_reaches_no_phone() {
        site.register(bob);
        Phone intruder = new Phone("alice", "guess", TestSite.phoneAddress(99));
        SipRequest bye = SipParser.parse(("BYE sip:bob@10.0.0.22:5060 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 10.0.0.99:5060;branch=z9hG4bKevil1\r\nMax-Forwards: 70\r\n"
                + "From: <sip:alice@theSmiths>;tag=a\r\nTo: <sip:bob@theSmiths>;tag=b\r\nCall-ID: c\r\n"
                + "Route: <sip:10.0.0.1:5060;lr>\r\nCSeq: 9 BYE\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.UTF_8)).request();
        site.layer.onRequest(bye, intruder.hop());
        List<TestSite.Sent> out = site.drain();
        assertThat(out).noneMatch(s -> s.message().isRequest());
        assertThat(finalResponse(out).statusCode()).isEqualTo(407);
        SipRequest ack = SipParser.parse(bye.toString().replace("BYE", "ACK").getBytes(StandardCharsets.UTF_8)).request();
        site.layer.onRequest(ack, intruder.hop());
        assertThat(site.drain()).isEmpty();
    }

    /** Bob answers a call from the link; returns his Contact as it crossed the link (a token of this site). */
    private String answeredByBob(SipRequest invite) {
        site.layer.onResponse(Responses.create(invite, 200, "OK", "bob1").addHeader("Contact", "<sip:bob@10.0.0.22:5060>").build(), bob.hop());
        SipResponse ok = finalResponse(site.drain());
        String contact = site.federation.boundary().toLink(ok, "theJoneses").contacts().get(0).uri().toString();
        assertThat(contact).endsWith("@theSmiths").doesNotContain("10.0.0.22");
        return contact;
    }

    @Test
    void when_the_link_goes_the_caller_on_this_site_gets_a_bye_in_the_far_partys_name() {
        site.register(alice);
        SipRequest forwarded = onlyRequest(fromAlice("INVITE", "sip:carol@theJoneses", "")).request();
        SipResponse ok = Responses.create(forwarded, 200, "OK", "carol1").addHeader("Contact", "<sip:tok@theJoneses>").build();
        site.layer.onResponse(ok, joneses);
        assertThat(site.onlyResponse().statusCode()).isEqualTo(200);

        assertThat(site.core.linkDown("theJoneses")).isEqualTo(1);
        TestSite.Sent bye = onlyRequest(site.drain());
        assertThat(bye.hop()).isEqualTo(alice.hop());
        assertThat(bye.request().method()).isEqualTo("BYE");
        assertThat(bye.request().requestUri().toString()).isEqualTo("sip:alice@10.0.0.21:5060");
        assertThat(bye.request().from().uri().toString()).isEqualTo("sip:carol@theJoneses");
        assertThat(bye.request().from().tag()).isEqualTo("carol1");
        assertThat(bye.request().to().uri().toString()).isEqualTo("sip:alice@theSmiths");
        assertThat(bye.request().to().tag()).isEqualTo("alicetag");
        assertThat(bye.request().callId()).isEqualTo("INVITE-1");
        assertThat(bye.request().topVia().host()).isEqualTo("10.0.0.1");
        assertThat(site.core.linkDown("theJoneses")).isZero();
    }

    @Test
    void when_the_link_goes_the_callee_on_this_site_gets_a_bye_numbered_above_the_far_sides_requests() {
        site.register(bob);
        SipRequest invite = onlyRequest(overTheLink(fromJoneses("INVITE", "sip:bob@theSmiths", "sip:carol@theJoneses", ""))).request();
        String bobAsTheJonesesSeeHim = answeredByBob(invite);
        SipRequest info = SipParser.parse(("INFO " + bobAsTheJonesesSeeHim + " SIP/2.0\r\n"
                + "Via: SIP/2.0/TLS theJoneses;branch=z9hG4bKinfo1\r\nMax-Forwards: 69\r\n"
                + "From: <sip:carol@theJoneses>;tag=j1\r\nTo: <sip:bob@theSmiths>;tag=bob1\r\n"
                + "Call-ID: j-call@theJoneses\r\nCSeq: 7 INFO\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.UTF_8)).request();
        site.layer.onRequest(info, joneses);
        site.drain();

        assertThat(site.core.linkDown("theJoneses")).isEqualTo(1);
        TestSite.Sent sent = onlyRequest(site.drain());
        assertThat(sent.hop()).isEqualTo(bob.hop());
        SipRequest bye = sent.request();
        assertThat(bye.requestUri().toString()).isEqualTo("sip:bob@10.0.0.22:5060");
        assertThat(bye.from().tag()).isEqualTo("j1");
        assertThat(bye.to().tag()).isEqualTo("bob1");
        assertThat(bye.cSeq().number()).isEqualTo(8);
    }

    @Test
    void a_call_that_was_hung_up_is_not_ended_again_when_the_link_goes() {
        site.register(bob);
        SipRequest invite = onlyRequest(overTheLink(fromJoneses("INVITE", "sip:bob@theSmiths", "sip:carol@theJoneses", ""))).request();
        String bobAsTheJonesesSeeHim = answeredByBob(invite);
        overTheLink(SipParser.parse(("BYE " + bobAsTheJonesesSeeHim + " SIP/2.0\r\n"
                + "Via: SIP/2.0/TLS theJoneses;branch=z9hG4bKbye1\r\nMax-Forwards: 69\r\n"
                + "From: <sip:carol@theJoneses>;tag=j1\r\nTo: <sip:bob@theSmiths>;tag=bob1\r\n"
                + "Call-ID: j-call@theJoneses\r\nCSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.UTF_8)).request());
        assertThat(site.core.linkDown("theJoneses")).isZero();
    }
}
