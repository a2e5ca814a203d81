package org.sipsocial.sip.message.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sipsocial.sip.message.TestMessages.withHeaders;

import org.junit.jupiter.api.Test;
import org.sipsocial.sip.message.SipMessage;
import org.sipsocial.sip.message.SipSyntaxException;

class ListHeadersTest {
    @Test
    void option_tags_of_require_proxy_require_supported_and_unsupported_join_across_lines() {
        SipMessage m = withHeaders("Require: 100rel", "Require: timer", "Proxy-Require: sec-agree",
                "k: path, outbound", "Unsupported: foo");
        assertThat(m.require()).containsExactly("100rel", "timer");
        assertThat(m.proxyRequire()).containsExactly("sec-agree");
        assertThat(m.supported()).containsExactly("path", "outbound");
        assertThat(m.unsupported()).containsExactly("foo");
    }

    @Test
    void allow_lists_methods() {
        assertThat(withHeaders("Allow: INVITE, ACK,BYE").allow()).containsExactly("INVITE", "ACK", "BYE");
    }

    @Test
    void an_empty_supported_is_an_empty_list() {
        assertThat(withHeaders("Supported:").supported()).isEmpty();
    }

    @Test
    void accept_gives_media_types_with_parameters() {
        SipMessage m = withHeaders("Accept: application/sdp;level=1, text/plain");
        assertThat(m.accept()).hasSize(2);
        assertThat(m.accept().get(0).parameters().get("level")).isEqualTo("1");
    }

    @Test
    void privacy_values_are_separated_by_semicolons() {
        assertThat(withHeaders("Privacy: id; header").privacy()).containsExactly("id", "header");
    }

    @Test
    void a_malformed_lazily_read_header_throws_a_syntax_exception_on_access() {
        SipMessage m = withHeaders("Allow: INVITE,,BYE");
        assertThatThrownBy(m::allow).isInstanceOf(SipSyntaxException.class);
    }
}
