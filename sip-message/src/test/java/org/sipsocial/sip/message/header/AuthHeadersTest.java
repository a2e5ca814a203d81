package org.sipsocial.sip.message.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sipsocial.sip.message.TestMessages.withHeaders;

import org.junit.jupiter.api.Test;
import org.sipsocial.sip.message.SipMessage;

class AuthHeadersTest {
    @Test
    void a_digest_challenge_gives_its_parameters_unquoted() {
        SipMessage m = withHeaders("WWW-Authenticate: Digest realm=\"theSmiths\", nonce=\"abc,def\", "
                + "algorithm=SHA-256, qop=\"auth\"");
        AuthHeader c = m.wwwAuthenticate().get(0);
        assertThat(c.isDigest()).isTrue();
        assertThat(c.parameter("realm")).isEqualTo("theSmiths");
        assertThat(c.parameter("nonce")).isEqualTo("abc,def");
        assertThat(c.parameter("ALGORITHM")).isEqualTo("SHA-256");
    }

    @Test
    void proxy_authenticate_and_proxy_authorization_read_like_their_www_forms() {
        SipMessage m = withHeaders("Proxy-Authenticate: Digest realm=\"p\", nonce=\"n\"",
                "Proxy-Authorization: Digest username=\"alice\", realm=\"p\", nonce=\"n\", uri=\"sip:b@x\", response=\"00\"");
        assertThat(m.proxyAuthenticate().get(0).parameter("realm")).isEqualTo("p");
        assertThat(m.proxyAuthorization().get(0).parameter("username")).isEqualTo("alice");
    }

    @Test
    void authorization_with_an_unknown_scheme_keeps_its_data() {
        AuthHeader a = withHeaders("Authorization: Bearer abc.def-ghi").authorization().get(0);
        assertThat(a.scheme()).isEqualTo("Bearer");
        assertThat(a.isDigest()).isFalse();
        assertThat(a.data()).isEqualTo("abc.def-ghi");
    }

    @Test
    void several_authorization_lines_are_kept_apart() {
        SipMessage m = withHeaders("Authorization: Digest username=\"a\", realm=\"r1\"",
                "Authorization: Digest username=\"a\", realm=\"r2\"");
        assertThat(m.authorization()).extracting(h -> h.parameter("realm")).containsExactly("r1", "r2");
    }
}
