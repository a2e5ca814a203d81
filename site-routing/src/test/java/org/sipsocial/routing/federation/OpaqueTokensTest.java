package org.sipsocial.routing.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;

import org.junit.jupiter.api.Test;

class OpaqueTokensTest {
    private final OpaqueTokens tokens = new OpaqueTokens(new SecureRandom());

    @Test
    void a_sealed_value_opens_again_and_shows_nothing_of_itself() {
        String token = tokens.seal("bob sip:bob@192.168.1.50:5062;transport=tcp");
        assertThat(token).doesNotContain("192.168").doesNotContain("bob").matches("[A-Za-z0-9_-]+");
        assertThat(tokens.open(token)).contains("bob sip:bob@192.168.1.50:5062;transport=tcp");
    }

    @Test
    void the_same_value_always_gives_the_same_token_and_another_value_another() {
        assertThat(tokens.seal("a1b2@10.0.0.5")).isEqualTo(tokens.seal("a1b2@10.0.0.5")).isNotEqualTo(tokens.seal("a1b2@10.0.0.6"));
    }

    @Test
    void an_altered_token_a_foreign_token_and_junk_do_not_open() {
        String token = tokens.seal("call-1@10.0.0.5");
        char[] altered = token.toCharArray();
        altered[20] = altered[20] == 'A' ? 'B' : 'A';
        assertThat(tokens.open(new String(altered))).isEmpty();
        assertThat(tokens.open(new OpaqueTokens(new SecureRandom()).seal("call-1@10.0.0.5"))).isEmpty();
        assertThat(tokens.open("alice")).isEmpty();
        assertThat(tokens.open("not base64 !")).isEmpty();
        assertThat(tokens.open("")).isEmpty();
    }
}
