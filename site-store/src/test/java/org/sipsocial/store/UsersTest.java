package org.sipsocial.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersTest {
    @TempDir
    Path temp;
    private SiteHome home;
    private SiteStore store;

    @BeforeEach
    void setUp() {
        home = TestSites.create(temp.resolve("smiths"), "theSmiths");
        store = TestSites.open(home);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void several_aors_of_one_person_are_listed_in_name_order_without_secrets() {
        store.users().add(UserName.of("Robert"), "pw-robert".toCharArray());
        store.users().add(UserName.of("Bob"), "pw-bob".toCharArray());
        store.users().add(UserName.of("rob"), "pw-rob".toCharArray());
        assertThat(store.users().list()).extracting(user -> user.aor("theSmiths"))
                .containsExactly("Bob@theSmiths", "rob@theSmiths", "Robert@theSmiths");
        assertThat(store.users().list().get(0).sipUri("theSmiths")).isEqualTo("sip:Bob@theSmiths");
    }

    @Test
    void a_user_name_taken_in_another_case_is_refused_with_the_existing_spelling() {
        store.users().add(UserName.of("Alice"), "pw".toCharArray());
        assertThatThrownBy(() -> store.users().add(UserName.of("ALICE"), "other".toCharArray()))
                .isInstanceOf(StoreException.class).hasMessageContaining("user Alice@theSmiths already exists")
                .extracting(e -> ((StoreException) e).reason()).isEqualTo(StoreFailure.USER_EXISTS);
        assertThat(store.users().list()).hasSize(1);
    }

    @Test
    void only_the_md5_and_sha256_ha1_of_the_password_are_kept() {
        store.users().add(UserName.of("alice"), "Circle of Life".toCharArray());
        DigestCredentials credentials = store.users().credentials(UserName.of("ALICE")).orElseThrow();
        assertThat(credentials).isEqualTo(DigestCredentials.of(UserName.of("alice"), "theSmiths", "Circle of Life".toCharArray()));
        assertThat(credentials.userName()).isEqualTo("alice");
        assertThat(credentials.realm()).isEqualTo("theSmiths");
    }

    @Test
    void ha1_values_match_rfc_2617_and_an_independent_sha256() {
        // RFC 2617 §3.5: HA1 of Mufasa / testrealm@host.com / "Circle Of Life".
        DigestCredentials rfc2617 = DigestCredentials.of(UserName.of("Mufasa"), "testrealm@host.com", "Circle Of Life".toCharArray());
        assertThat(rfc2617.ha1Md5()).isEqualTo("939e7578ed9e3c518a452acee763bce9");
        // RFC 7616 §3.9.1's user, computed with sha256sum: printf 'Mufasa:http-auth@example.org:Circle of Life'.
        DigestCredentials rfc7616 = DigestCredentials.of(UserName.of("Mufasa"), "http-auth@example.org", "Circle of Life".toCharArray());
        assertThat(rfc7616.ha1Sha256()).isEqualTo("7987c64c30e25f1b74be53f966b49b90f2808aa92faf9a00262392d7b4794232");
    }

    @Test
    void a_changed_password_replaces_both_ha1_values() {
        store.users().add(UserName.of("alice"), "old password".toCharArray());
        store.users().changePassword(UserName.of("Alice"), "new password".toCharArray());
        assertThat(store.users().credentials(UserName.of("alice")).orElseThrow())
                .isEqualTo(DigestCredentials.of(UserName.of("alice"), "theSmiths", "new password".toCharArray()));
    }

    @Test
    void credentials_once_read_come_from_memory_until_the_user_changes() throws Exception {
        store.users().add(UserName.of("alice"), "first".toCharArray());
        DigestCredentials first = DigestCredentials.of(UserName.of("alice"), "theSmiths", "first".toCharArray());
        assertThat(store.users().credentials(UserName.of("alice"))).contains(first);
        // A row changed behind the cache's back (nothing on a running site does this) is not seen: no query per check.
        try (Connection connection = store.database().connection();
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE site_user SET ha1_md5 = 'behind-the-back' WHERE name_key = 'alice'");
        }
        assertThat(store.users().credentials(UserName.of("ALICE"))).contains(first);
        // Each change made through Users is seen by the next check.
        store.users().changePassword(UserName.of("alice"), "second".toCharArray());
        DigestCredentials second = DigestCredentials.of(UserName.of("alice"), "theSmiths", "second".toCharArray());
        assertThat(store.users().credentials(UserName.of("alice"))).contains(second);
        store.users().remove(UserName.of("alice"));
        assertThat(store.users().credentials(UserName.of("alice"))).isEmpty();
        store.users().add(UserName.of("Alice"), "third".toCharArray());
        assertThat(store.users().credentials(UserName.of("alice")))
                .contains(DigestCredentials.of(UserName.of("Alice"), "theSmiths", "third".toCharArray()));
    }

    @Test
    void an_unknown_name_is_looked_up_again_so_a_user_added_later_is_found() {
        assertThat(store.users().credentials(UserName.of("carol"))).isEmpty();
        store.users().add(UserName.of("carol"), "pw".toCharArray());
        assertThat(store.users().credentials(UserName.of("carol"))).isPresent();
    }

    @Test
    void removing_or_changing_a_missing_user_says_there_is_no_such_user() {
        assertThatThrownBy(() -> store.users().remove(UserName.of("nobody")))
                .hasMessage("no user nobody@theSmiths")
                .extracting(e -> ((StoreException) e).reason()).isEqualTo(StoreFailure.NO_SUCH_USER);
        assertThatThrownBy(() -> store.users().changePassword(UserName.of("nobody"), "x".toCharArray()))
                .extracting(e -> ((StoreException) e).reason()).isEqualTo(StoreFailure.NO_SUCH_USER);
    }

    @Test
    void a_removed_user_is_gone_and_others_stay() {
        store.users().add(UserName.of("alice"), "a".toCharArray());
        store.users().add(UserName.of("bob"), "b".toCharArray());
        store.users().remove(UserName.of("ALICE"));
        assertThat(store.users().list()).extracting(user -> user.name().toString()).containsExactly("bob");
        assertThat(store.users().credentials(UserName.of("alice"))).isEmpty();
    }

    @Test
    void users_survive_closing_and_reopening_the_site() {
        store.users().add(UserName.of("alice"), "a".toCharArray());
        store.close();
        store = TestSites.open(home);
        assertThat(store.users().list()).extracting(user -> user.name().toString()).containsExactly("alice");
    }

    @Test
    void empty_and_control_character_passwords_are_refused() {
        assertThatThrownBy(() -> store.users().add(UserName.of("alice"), new char[0]))
                .extracting(e -> ((StoreException) e).reason()).isEqualTo(StoreFailure.BAD_PASSWORD);
        assertThatThrownBy(() -> store.users().add(UserName.of("alice"), "a\nb".toCharArray()))
                .hasMessageContaining("control character");
        assertThat(store.users().list()).isEmpty();
    }

    @Test
    void a_second_opener_of_the_site_is_refused_as_in_use() {
        assertThatThrownBy(() -> TestSites.open(home))
                .isInstanceOf(StoreException.class).hasMessageContaining("in use")
                .extracting(e -> ((StoreException) e).reason()).isEqualTo(StoreFailure.STORE_IN_USE);
    }

    @Test
    void a_new_user_is_listed_unless_added_unlisted_and_the_flag_can_be_changed() {
        store.users().add(UserName.of("alice"), "pw-alice".toCharArray());
        assertThat(store.users().add(UserName.of("Bob"), "pw-bob".toCharArray(), false).listed()).isFalse();
        store.users().add(UserName.of("carol"), "pw-carol".toCharArray(), true);
        assertThat(store.users().list()).extracting(User::listed).containsExactly(true, false, true);
        assertThat(store.users().listedNames()).extracting(UserName::toString).containsExactly("alice", "carol");

        store.users().setListed(UserName.of("BOB"), true);
        store.users().setListed(UserName.of("alice"), false);
        assertThat(store.users().listedNames()).extracting(UserName::toString).containsExactly("Bob", "carol");
    }

    @Test
    void listing_a_user_that_does_not_exist_is_refused_as_no_such_user() {
        assertThatThrownBy(() -> store.users().setListed(UserName.of("nobody"), false))
                .isInstanceOf(StoreException.class).hasMessage("no user nobody@theSmiths")
                .extracting(e -> ((StoreException) e).reason()).isEqualTo(StoreFailure.NO_SUCH_USER);
    }

    @Test
    void the_listed_flag_survives_a_reopen() {
        store.users().add(UserName.of("alice"), "pw-alice".toCharArray(), false);
        store.close();
        store = TestSites.open(home);
        assertThat(store.users().list()).singleElement().satisfies(user -> assertThat(user.listed()).isFalse());
    }
}
