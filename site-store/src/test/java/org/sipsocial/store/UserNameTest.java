package org.sipsocial.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"alice", "Bob", "rob.smith", "a-b_c", "+15551234", "o'hara", "x&y=z", "a;b", "q?r/s", "!~*()$,"})
    void names_in_the_sip_user_grammar_are_accepted(String name) {
        assertThat(UserName.of(name).toString()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "alice smith", "alice@theSmiths", "al%69ce", "al:ice", "<alice>", "al\"ice", "al\tice", "\u00e9lise"})
    void names_outside_the_sip_user_grammar_are_refused_with_the_name_quoted(String name) {
        assertThatThrownBy(() -> UserName.of(name))
                .isInstanceOf(StoreException.class).hasMessageStartingWith("bad user name \"" + name + "\"")
                .extracting(e -> ((StoreException) e).reason()).isEqualTo(StoreFailure.BAD_USER_NAME);
    }
}
