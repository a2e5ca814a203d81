package org.sipsocial.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sipsocial.sip.message.TestMessages.withHeaders;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** A header's value as read (RFC 3261 §7.3.1): folds replaced by one SP, the whitespace around it left out. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HeaderValueTest {
    private static Header subjectHeader(String line) {
        return withHeaders(line).headers().stream().filter(h -> h.name().equals("Subject")).findFirst().orElseThrow();
    }

    private static String subject(String line) {
        return subjectHeader(line).value();
    }

    @Test
    void the_spaces_and_tabs_around_a_value_are_left_out_and_those_inside_kept() {
        assertThat(subject("Subject: \t lunch  at \tnoon \t ")).isEqualTo("lunch  at \tnoon");
        assertThat(subject("Subject:lunch")).isEqualTo("lunch");
    }

    @Test
    void a_value_of_only_whitespace_is_empty() {
        assertThat(subject("Subject: \t  ")).isEmpty();
        assertThat(subject("Subject:")).isEmpty();
    }

    @Test
    void a_folded_value_is_unfolded_to_single_spaces_and_trimmed() {
        assertThat(subject("Subject:  lunch\r\n  at noon \r\n\t today ")).isEqualTo("lunch at noon today");
    }

    @Test
    void a_value_in_UTF_8_is_decoded_and_other_unicode_whitespace_around_it_left_out_as_well() {
        assertThat(subject("Subject: d\u00e9jeuner \u00e0 midi")).isEqualTo("d\u00e9jeuner \u00e0 midi");
        assertThat(subject("Subject: \u3000lunch\u3000 ")).isEqualTo("lunch");
    }

    @Test
    void the_value_is_decoded_once_and_the_same_string_given_each_time() {
        Header h = subjectHeader("Subject:  lunch ");
        assertThat(h.value()).isSameAs(h.value());
    }
}
