package org.sipsocial.routing.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.sipsocial.routing.SiteAddresses;
import org.sipsocial.sip.message.SipMessage;
import org.sipsocial.sip.message.SipParser;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;
import org.sipsocial.sip.message.header.NameAddress;

/** What crosses a link: the site's topology hidden on the way out, restored on the way back. */
class LinkBoundaryTest {
    private static final String INVITE = "INVITE sip:carol@theJoneses SIP/2.0\r\n"
            + "Via: SIP/2.0/TLS theSmiths;branch=z9hG4bKours\r\n"
            + "Via: SIP/2.0/UDP 192.168.1.50:5062;branch=z9hG4bKphone;rport=5062;received=192.168.1.50\r\n"
            + "Max-Forwards: 69\r\n"
            + "From: \"Alice\" <sip:alice@theSmiths>;tag=a1\r\n"
            + "To: <sip:carol@theJoneses>\r\n"
            + "Call-ID: 3c26-alice@192.168.1.50\r\n"
            + "CSeq: 2 INVITE\r\n"
            + "Contact: <sip:alice@192.168.1.50:5062;transport=udp>;+sip.instance=\"<urn:uuid:1234>\"\r\n"
            + "Record-Route: <sip:192.168.1.10:5060;lr>\r\n"
            + "User-Agent: Grandstream GXP2170 1.0.11.3\r\n"
            + "Proxy-Authorization: Digest username=\"alice\", realm=\"theSmiths\", response=\"x\"\r\n"
            + "Path: <sip:192.168.1.10;lr>\r\n"
            + "X-Secret-Internal: 192.168.1.1\r\n"
            + "P-Asserted-Identity: <sip:alice@theSmiths>\r\n"
            + "Content-Type: application/sdp\r\n"
            + "Content-Length: %d\r\n\r\n%s";
    private static final String SDP = "v=0\r\no=alice 1 1 IN IP4 192.168.1.50\r\ns=-\r\nc=IN IP4 192.168.1.50\r\nt=0 0\r\n"
            + "m=audio 4000 RTP/AVP 0\r\nc=IN IP4 192.168.1.50\r\na=candidate:1 1 UDP 2130706431 192.168.1.50 4000 typ host\r\n"
            + "a=rtpmap:0 PCMU/8000\r\n";

    private final SiteAddresses addresses = new SiteAddresses("theSmiths", "192.168.1.10", Map.of("UDP", 5060, "TCP", 5060, "TLS", 5061));
    private final ConnectedSites sites = new ConnectedSites() {
        @Override
        public Reach reach(String site) {
            return Reach.CONNECTED;
        }

        @Override
        public String seenFrom(String site) {
            return "203.0.113.7:5070";
        }
    };
    private final LinkBoundary boundary = new LinkBoundary(addresses, new OpaqueTokens(new SecureRandom()), sites);

    private static SipMessage parse(String text) {
        return SipParser.parse(text.getBytes(StandardCharsets.UTF_8)).message();
    }

    private static SipRequest invite() {
        return (SipRequest) parse(String.format(INVITE, SDP.length(), SDP));
    }

    @Test
    void a_request_leaving_over_a_link_carries_nothing_of_the_lan() {
        SipRequest out = (SipRequest) boundary.toLink(invite(), "theJoneses");
        String text = out.toString();
        assertThat(text).doesNotContain("192.168.").doesNotContain("Grandstream").doesNotContain("5062")
                .doesNotContain("X-Secret").doesNotContain("Proxy-Authorization").doesNotContain("Path:").doesNotContain("uuid");
        assertThat(out.via()).extracting(v -> v.toString()).containsExactly("SIP/2.0/TLS theSmiths;branch=z9hG4bKours");
        assertThat(out.recordRoutes()).extracting(NameAddress::toString).containsExactly("<sip:theSmiths;lr>");
        assertThat(out.callId()).endsWith("@theSmiths").doesNotContain("3c26");
        assertThat(out.contacts().get(0).uri().toString()).endsWith("@theSmiths");
        assertThat(out.pAssertedIdentities()).extracting(NameAddress::toString).containsExactly("<sip:alice@theSmiths>");
        assertThat(out.bodyText()).contains("o=alice 1 1 IN IP4 203.0.113.7", "c=IN IP4 203.0.113.7", "m=audio 4000 RTP/AVP 0")
                .doesNotContain("candidate");
    }

    @Test
    void the_contact_token_and_the_call_id_come_back_to_what_the_phone_sent() {
        SipRequest out = (SipRequest) boundary.toLink(invite(), "theJoneses");
        assertThat(boundary.contactOf(out.contacts().get(0).uri())).hasValueSatisfying(phone -> {
            assertThat(phone.user()).isEqualTo("alice");
            assertThat(phone.contact().toString()).isEqualTo("sip:alice@192.168.1.50:5062;transport=udp");
        });
        SipResponse answer = (SipResponse) parse("SIP/2.0 200 OK\r\nVia: SIP/2.0/TLS theSmiths;branch=z9hG4bKours\r\n"
                + "From: <sip:alice@theSmiths>;tag=a1\r\nTo: <sip:carol@theJoneses>;tag=c1\r\nCall-ID: " + out.callId()
                + "\r\nCSeq: 2 INVITE\r\nContent-Length: 0\r\n\r\n");
        assertThat(boundary.fromLink(answer, "theJoneses").callId()).isEqualTo("3c26-alice@192.168.1.50");
    }

    @Test
    void the_other_sites_call_ids_and_contacts_pass_as_they_are() {
        SipResponse fromPhone = (SipResponse) parse("SIP/2.0 200 OK\r\nVia: SIP/2.0/TLS theJoneses;branch=z9hG4bKtheirs\r\n"
                + "From: <sip:carol@theJoneses>;tag=c1\r\nTo: <sip:bob@theSmiths>;tag=b1\r\nCall-ID: Xy12@theJoneses\r\n"
                + "CSeq: 1 INVITE\r\nContact: <sip:bob@192.168.1.51:5060>\r\nRecord-Route: <sip:192.168.1.10:5060;lr>\r\n"
                + "Record-Route: <sip:theJoneses;lr>\r\nServer: Yealink T46U\r\nContent-Length: 0\r\n\r\n");
        SipResponse out = (SipResponse) boundary.toLink(fromPhone, "theJoneses");
        assertThat(out.callId()).isEqualTo("Xy12@theJoneses");
        assertThat(out.recordRoutes()).extracting(NameAddress::toString).containsExactly("<sip:theSmiths;lr>", "<sip:theJoneses;lr>");
        assertThat(out.toString()).doesNotContain("192.168.").doesNotContain("Yealink");
        assertThat(boundary.contactOf(out.contacts().get(0).uri()).orElseThrow().user()).isEqualTo("bob");
        assertThat(boundary.fromLink(fromPhone, "theJoneses").callId()).isEqualTo("Xy12@theJoneses");
    }

    @Test
    void an_attended_transfer_names_the_phone_by_a_token_and_its_dialog_by_a_sealed_call_id_and_comes_back_whole() {
        SipRequest refer = (SipRequest) parse("REFER sip:tok@theJoneses SIP/2.0\r\n"
                + "Via: SIP/2.0/TLS theSmiths;branch=z9hG4bKrefer\r\n"
                + "From: <sip:alice@theSmiths>;tag=a1\r\nTo: <sip:carol@theJoneses>;tag=c1\r\n"
                + "Call-ID: Xy12@theJoneses\r\nCSeq: 5 REFER\r\nMax-Forwards: 69\r\n"
                + "Refer-To: <sip:dave@192.168.1.52:5060?Replaces=77ab-dave%40192.168.1.52%3Bto-tag%3Dd9%3Bfrom-tag%3Da7>\r\n"
                + "Referred-By: <sip:alice@theSmiths>\r\nContent-Length: 0\r\n\r\n");
        SipRequest out = (SipRequest) boundary.toLink(refer, "theJoneses");
        String referTo = out.headerValue("Refer-To");
        assertThat(referTo).doesNotContain("192.168").doesNotContain("77ab").contains("@theSmiths?Replaces=");
        NameAddress target = NameAddress.parse(referTo);
        assertThat(boundary.contactOf(target.uri())).hasValueSatisfying(phone ->
                assertThat(phone.contact().toString()).isEqualTo("sip:dave@192.168.1.52:5060"));

        // The transferee's INVITE comes back over the link with that Replaces: the phone sees its own dialog.
        String sealed = org.sipsocial.sip.message.uri.Escapes.decode(((org.sipsocial.sip.message.uri.SipUri) target.uri()).headers()
                .substring("Replaces=".length()));
        SipRequest invite = (SipRequest) parse("INVITE " + target.uri().toString().replaceAll("\\?.*", "") + " SIP/2.0\r\n"
                + "Via: SIP/2.0/TLS theJoneses;branch=z9hG4bKrep\r\nFrom: <sip:carol@theJoneses>;tag=n1\r\n"
                + "To: <sip:dave@theSmiths>\r\nCall-ID: New1@theJoneses\r\nCSeq: 1 INVITE\r\nMax-Forwards: 69\r\n"
                + "Replaces: " + sealed + "\r\nContent-Length: 0\r\n\r\n");
        assertThat(boundary.fromLink(invite, "theJoneses").headerValue("Replaces"))
                .isEqualTo("77ab-dave@192.168.1.52;to-tag=d9;from-tag=a7");
    }
}
