package org.sipsocial.sip.message.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sipsocial.sip.message.TestMessages.withHeaders;

import org.junit.jupiter.api.Test;
import org.sipsocial.sip.message.SipMessage;
import org.sipsocial.sip.message.SipSyntaxException;
import org.sipsocial.sip.message.uri.SipUri;

class AddressHeadersTest {
    @Test
    void from_and_to_give_display_name_uri_and_tag() {
        SipMessage m = withHeaders();
        assertThat(m.from().tag()).isEqualTo("a1");
        assertThat(m.to().tag()).isNull();
        assertThat(((SipUri) m.to().uri()).user()).isEqualTo("bob");
        NameAddress a = NameAddress.parse("\"Alice \\\"A\\\"\" <sip:alice@theSmiths>;tag=xyz");
        assertThat(a.displayName()).isEqualTo("Alice \"A\"");
        assertThat(a.tag()).isEqualTo("xyz");
    }

    @Test
    void an_addr_spec_without_brackets_leaves_its_parameters_to_the_header() {
        NameAddress a = NameAddress.parse("sip:alice@theSmiths;tag=1;lr");
        assertThat(a.tag()).isEqualTo("1");
        assertThat(((SipUri) a.uri()).parameters().isEmpty()).isTrue();
    }

    @Test
    void contact_gives_expires_q_instance_and_reg_id() {
        SipMessage m = withHeaders("Contact: <sip:alice@192.0.2.4;ob>;expires=3600;q=0.7;"
                + "+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>\";reg-id=2");
        NameAddress c = m.contacts().get(0);
        assertThat(c.expires()).isEqualTo(3600);
        assertThat(c.q()).isEqualTo(0.7);
        assertThat(c.instance()).isEqualTo("<urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>");
        assertThat(c.regId()).isEqualTo(2);
    }

    @Test
    void a_contact_wildcard_is_recognised() {
        assertThat(withHeaders("Contact: *", "Expires: 0").contacts()).containsExactly(NameAddress.WILDCARD);
    }

    @Test
    void several_contacts_on_one_line_split_outside_quotes_and_brackets() {
        SipMessage m = withHeaders("m: \"a, b\" <sip:a@x>, <sip:b,c@y;p=1>;q=0.1");
        assertThat(m.contacts()).hasSize(2);
        assertThat(m.contacts().get(0).displayName()).isEqualTo("a, b");
        assertThat(((SipUri) m.contacts().get(1).uri()).user()).isEqualTo("b,c");
    }

    @Test
    void route_record_route_and_path_keep_their_order() {
        SipMessage m = withHeaders("Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>",
                "Record-Route: <sip:rr.example.com;lr>", "Path: <sip:edge.example.com;lr;ob>");
        assertThat(m.routes()).extracting(r -> ((SipUri) r.uri()).host()).containsExactly("p1.example.com", "p2.example.com");
        assertThat(((SipUri) m.routes().get(0).uri()).isLooseRouting()).isTrue();
        assertThat(m.recordRoutes()).hasSize(1);
        assertThat(((SipUri) m.paths().get(0).uri()).parameters().has("ob")).isTrue();
    }

    @Test
    void p_asserted_identity_gives_sip_and_tel_identities() {
        SipMessage m = withHeaders("P-Asserted-Identity: \"Alice\" <sip:alice@theSmiths>, <tel:+15551234>");
        assertThat(m.pAssertedIdentities()).extracting(a -> a.uri().scheme()).containsExactly("sip", "tel");
    }

    @Test
    void a_created_address_with_a_tag_is_canonical() {
        NameAddress a = NameAddress.of("Bob", SipUri.of("bob", "theJoneses", -1)).withTag("t9");
        assertThat(a.toString()).isEqualTo("\"Bob\" <sip:bob@theJoneses>;tag=t9");
    }

    @Test
    void malformed_addresses_are_refused() {
        assertThatThrownBy(() -> NameAddress.parse("\"open <sip:a@b>")).isInstanceOf(SipSyntaxException.class);
        assertThatThrownBy(() -> NameAddress.parse("<sip:a@b")).isInstanceOf(SipSyntaxException.class);
        assertThatThrownBy(() -> NameAddress.parse("sip:a@b?x=y")).isInstanceOf(SipSyntaxException.class);
        assertThatThrownBy(() -> NameAddress.parse("<sip:a@b>;;")).isInstanceOf(SipSyntaxException.class);
    }
}
