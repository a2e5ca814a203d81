package org.sipsocial.sip.message.uri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.sipsocial.sip.message.SipSyntaxException;

/** RFC 3261 §19.1.4, with the RFC's own examples. */
class UriComparisonTest {
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "sip:%61lice@atlanta.com;transport=TCP | sip:alice@AtLanTa.CoM;Transport=tcp",
        "sip:carol@chicago.com | sip:carol@chicago.com;newparam=5",
        "sip:carol@chicago.com | sip:carol@chicago.com;security=on",
        "sip:carol@chicago.com;newparam=5 | sip:carol@chicago.com;security=on",
        "sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com"
            + " | sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com",
        "sip:alice@atlanta.com?subject=project%20x&priority=urgent"
            + " | sip:alice@atlanta.com?priority=urgent&subject=project%20x",
    })
    void the_rfc_examples_of_equivalent_uris_are_equal(String a, String b) {
        assertThat(Uri.parse(a)).isEqualTo(Uri.parse(b));
        assertThat(Uri.parse(a).hashCode()).isEqualTo(Uri.parse(b).hashCode());
    }

    @ParameterizedTest(name = "{0} != {1}")
    @CsvSource(delimiter = '|', value = {
        "SIP:ALICE@AtLanTa.CoM;Transport=udp | sip:alice@AtLanTa.CoM;Transport=UDP",
        "sip:bob@biloxi.com | sip:bob@biloxi.com:5060",
        "sip:bob@biloxi.com | sip:bob@biloxi.com;transport=udp",
        "sip:bob@biloxi.com | sip:bob@biloxi.com:6000;transport=tcp",
        "sip:carol@chicago.com | sip:carol@chicago.com?Subject=next%20meeting",
        "sip:bob@phone21.boxesbybob.com | sip:bob@192.0.2.4",
        "sip:alice@example.com | sips:alice@example.com",
        "sip:alice@example.com | sip:alice@example.com;maddr=239.255.255.1",
    })
    void the_rfc_examples_of_different_uris_are_not_equal(String a, String b) {
        assertThat(Uri.parse(a)).isNotEqualTo(Uri.parse(b));
    }

    @Test
    void tel_uris_compare_without_visual_separators() {
        assertThat(Uri.parse("tel:+1-201-555-0123")).isEqualTo(Uri.parse("tel:+1.201.5550123"));
        assertThat(((TelUri) Uri.parse("tel:+1-201-555-0123;phone-context=x")).isGlobal()).isTrue();
    }

    @Test
    void other_schemes_stay_opaque() {
        Uri u = Uri.parse("urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6");
        assertThat(u).isInstanceOf(AbsoluteUri.class);
        assertThat(((AbsoluteUri) u).schemeSpecificPart()).isEqualTo("uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6");
    }

    @Test
    void a_sip_uri_gives_its_parts() {
        SipUri u = (SipUri) Uri.parse("sips:alice:secret@[2001:db8::1]:5061;transport=tcp;lr?Subject=hi");
        assertThat(u.isSecure()).isTrue();
        assertThat(u.user()).isEqualTo("alice");
        assertThat(u.password()).isEqualTo("secret");
        assertThat(u.host()).isEqualTo("[2001:db8::1]");
        assertThat(u.port()).isEqualTo(5061);
        assertThat(u.transport()).isEqualTo("tcp");
        assertThat(u.isLooseRouting()).isTrue();
        assertThat(u.headers()).isEqualTo("Subject=hi");
        assertThat(u.withoutHeaders().toString()).isEqualTo("sips:alice:secret@[2001:db8::1]:5061;transport=tcp;lr");
    }

    @Test
    void a_created_uri_escapes_its_user() {
        assertThat(SipUri.of("a b", "theSmiths", -1).toString()).isEqualTo("sip:a%20b@theSmiths");
        assertThat(SipUri.of("bob", "theJoneses", 5070).withParameter("transport", "tls").toString())
                .isEqualTo("sip:bob@theJoneses:5070;transport=tls");
    }

    @Test
    void malformed_uris_are_refused() {
        for (String bad : new String[] {"", "sip:", "<sip:a@b>", "sip:a@", "sip:a@b:port", "sip:a%4@b", "1x:y",
            "sip:a@b c"}) {
            assertThatThrownBy(() -> Uri.parse(bad)).as(bad).isInstanceOf(SipSyntaxException.class);
        }
    }
}
