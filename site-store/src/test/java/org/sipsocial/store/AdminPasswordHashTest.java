package org.sipsocial.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;

import org.junit.jupiter.api.Test;

/** The admin password as the store keeps it: an Argon2id hash in the PHC format, never the password. */
class AdminPasswordHashTest {
    private final SecureRandom random = new SecureRandom();

    @Test
    void a_hash_matches_its_password_and_no_other() {
        AdminPasswordHash hash = AdminPasswordHash.of("console staple 42".toCharArray(), random);
        assertThat(hash.matches("console staple 42".toCharArray())).isTrue();
        assertThat(hash.matches("console staple 43".toCharArray())).isFalse();
        assertThat(hash.matches(new char[0])).isFalse();
    }

    @Test
    void the_same_password_hashes_differently_each_time_with_its_salt_and_cost_written_in_the_phc_format() {
        String one = AdminPasswordHash.of("console staple 42".toCharArray(), random).encoded();
        String two = AdminPasswordHash.of("console staple 42".toCharArray(), random).encoded();
        assertThat(one).isNotEqualTo(two).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(AdminPasswordHash.parse(one).matches("console staple 42".toCharArray())).isTrue();
    }

    @Test
    void the_reference_implementations_known_answer_is_accepted_with_its_own_cost() {
        // P-H-C/phc-winner-argon2 src/test.c, Argon2id version 0x13: "password", salt "somesalt", t=2, m=2^16, p=1.
        AdminPasswordHash reference = AdminPasswordHash.parse(
                "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc");
        assertThat(reference.matches("password".toCharArray())).isTrue();
        assertThat(reference.matches("password1".toCharArray())).isFalse();
    }

    @Test
    void a_password_shorter_than_ten_characters_is_refused_saying_so() {
        assertThatThrownBy(() -> AdminPasswordHash.of("short".toCharArray(), random))
                .isInstanceOf(StoreException.class)
                .hasMessage("the admin password is too short: use at least 10 characters");
    }

    @Test
    void a_stored_value_that_is_not_an_argon2id_hash_is_a_damaged_store() {
        assertThatThrownBy(() -> AdminPasswordHash.parse("plaintext"))
                .isInstanceOf(StoreException.class)
                .satisfies(e -> assertThat(((StoreException) e).reason()).isEqualTo(StoreFailure.STORE_DAMAGED));
    }

    @Test
    void its_text_form_shows_no_hash() {
        assertThat(AdminPasswordHash.of("console staple 42".toCharArray(), random).toString())
                .isEqualTo("AdminPasswordHash[argon2id]");
    }
}
