package org.sipsocial.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipsocial.identity.SiteName;

class StoreAdministrationTest {
    @TempDir
    static Path temp;
    private static SiteStore store;
    private static SiteAdministration administration;

    @BeforeAll
    static void open() {
        store = TestSites.open(TestSites.create(temp.resolve("smiths"), "theSmiths"));
        administration = new StoreAdministration(store, new SecureRandom());
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private static Optional<DigestCredentials> stored(String name) {
        return store.users().credentials(UserName.of(name));
    }

    @Test
    void the_summary_names_the_site_and_its_certificate_fingerprint() {
        SiteSummary summary = administration.summary();
        assertThat(summary.site()).isEqualTo(SiteName.of("theSmiths"));
        assertThat(summary.fingerprint()).isEqualTo(store.identity().fingerprint());
    }

    @Test
    void adding_without_a_password_generates_one_stores_it_and_hands_it_back() {
        UserAdded added = administration.addUser(UserName.of("alice"), Optional.empty());
        char[] generated = added.generatedPassword().orElseThrow();
        assertThat(generated).hasSize(SitePassword.GENERATED_LENGTH);
        assertThat(added.user().name()).hasToString("alice");
        assertThat(stored("alice")).contains(DigestCredentials.of(UserName.of("alice"), "theSmiths", generated));
        assertThat(administration.users()).extracting(user -> user.name().toString()).contains("alice");
    }

    @Test
    void adding_with_a_password_stores_it_wipes_it_and_hands_back_none() {
        char[] password = "Tr0ub4dor&3".toCharArray();
        UserAdded added = administration.addUser(UserName.of("bob"), Optional.of(password));
        assertThat(added.generatedPassword()).isEmpty();
        assertThat(password).containsOnly('\0');
        assertThat(stored("bob")).contains(DigestCredentials.of(UserName.of("bob"), "theSmiths", "Tr0ub4dor&3".toCharArray()));
    }

    @Test
    void changing_a_password_sets_the_given_one_or_a_generated_one() {
        administration.addUser(UserName.of("carol"), Optional.of("first".toCharArray()));
        assertThat(administration.changePassword(UserName.of("CAROL"), Optional.of("second".toCharArray()))).isEmpty();
        assertThat(stored("carol")).contains(DigestCredentials.of(UserName.of("carol"), "theSmiths", "second".toCharArray()));
        char[] generated = administration.changePassword(UserName.of("carol"), Optional.empty()).orElseThrow();
        assertThat(stored("carol")).contains(DigestCredentials.of(UserName.of("carol"), "theSmiths", generated));
    }

    @Test
    void removing_a_user_removes_it_and_a_missing_user_is_no_such_user() {
        administration.addUser(UserName.of("dave"), Optional.of("p".toCharArray()));
        administration.removeUser(UserName.of("Dave"));
        assertThat(stored("dave")).isEmpty();
        assertThatThrownBy(() -> administration.removeUser(UserName.of("dave")))
                .isInstanceOf(StoreException.class).extracting(e -> ((StoreException) e).reason())
                .isEqualTo(StoreFailure.NO_SUCH_USER);
        assertThatThrownBy(() -> administration.changePassword(UserName.of("dave"), Optional.empty()))
                .isInstanceOf(StoreException.class).extracting(e -> ((StoreException) e).reason())
                .isEqualTo(StoreFailure.NO_SUCH_USER);
    }
}
