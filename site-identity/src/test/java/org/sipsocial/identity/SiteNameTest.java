package org.sipsocial.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SiteNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"theSmiths", "the-smiths", "smiths.example.org", "a", "site42", "x1.y2.z3a"})
    void host_names_are_accepted_as_site_names(String name) {
        assertThat(SiteName.of(name).toString()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "the Smiths", "the_smiths", "-smiths", "smiths-", "smiths..org", ".smiths",
            "smiths.", "alice@theSmiths", "sm\u00efths", "10.0.0.1", "smiths.123"})
    void names_that_are_not_host_names_are_refused_with_the_name_quoted(String name) {
        assertThatThrownBy(() -> SiteName.of(name))
                .isInstanceOf(IdentityException.class)
                .hasMessageContaining("\"" + name + "\"")
                .extracting(e -> ((IdentityException) e).reason()).isEqualTo(IdentityFailure.BAD_SITE_NAME);
    }

    @Test
    void a_label_longer_than_63_characters_is_refused() {
        assertThatThrownBy(() -> SiteName.of("a".repeat(64) + ".org")).hasMessageContaining("longer than 63");
    }

    @Test
    void site_names_compare_ignoring_case_and_keep_their_spelling() {
        SiteName given = SiteName.of("theSmiths");
        assertThat(given).isEqualTo(SiteName.of("THESMITHS")).hasSameHashCodeAs(SiteName.of("thesmiths"));
        assertThat(given.toString()).isEqualTo("theSmiths");
        assertThat(given.key()).isEqualTo("thesmiths");
        assertThat(given.sipUri()).isEqualTo("sip:theSmiths");
    }
}
