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

    @ParameterizedTest
    @ValueSource(strings = {"", "the Smiths", "-smiths", "smiths..org", "alice@theSmiths", "10.0.0.1", "192.168.1.20:5060"})
    void what_is_not_a_site_name_is_no_site_name_without_an_exception(String name) {
        assertThat(SiteName.ofValid(name)).isEmpty();
    }

    @Test
    void a_site_name_is_one_without_an_exception_too_with_its_spelling() {
        assertThat(SiteName.ofValid("theSmiths")).hasValueSatisfying(site -> {
            assertThat(site).isEqualTo(SiteName.of("thesmiths"));
            assertThat(site.toString()).isEqualTo("theSmiths");
        });
        assertThat(SiteName.ofValid(null)).isEmpty();
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
