package org.sipsocial.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ParametersTest {
    @Test
    void header_parameters_allow_whitespace_and_quoted_values() {
        Parameters p = Parameters.ofHeader(" ; tag = 1 ;x=\"a;b\"; lr");
        assertThat(p.get("TAG")).isEqualTo("1");
        assertThat(p.get("x")).isEqualTo("\"a;b\"");
        assertThat(p.get("lr")).isEmpty();
        assertThat(p.get("none")).isNull();
        assertThat(p.names()).containsExactly("tag", "x", "lr");
    }

    @Test
    void uri_parameters_refuse_whitespace_and_keep_escapes() {
        assertThat(Parameters.ofUri(";n%61me=v%61lue;lr").get("n%61me")).isEqualTo("v%61lue");
        assertThatThrownBy(() -> Parameters.ofUri("; lr")).isInstanceOf(SipSyntaxException.class);
        assertThatThrownBy(() -> Parameters.ofUri(";a=%4")).isInstanceOf(SipSyntaxException.class);
    }

    @Test
    void with_replaces_in_place_or_appends_and_without_removes() {
        Parameters p = Parameters.ofHeader(";a=1;b=2");
        assertThat(p.with("a", "9").toString()).isEqualTo(";a=9;b=2");
        assertThat(p.with("c", null).toString()).isEqualTo(";a=1;b=2;c");
        assertThat(p.without("a").toString()).isEqualTo(";b=2");
        assertThat(p.without("zz")).isSameAs(p);
    }

    @Test
    void empty_names_and_values_are_refused() {
        for (String bad : new String[] {";", ";;", ";a=", "a=1", ";a=\"open"}) {
            assertThatThrownBy(() -> Parameters.ofHeader(bad)).as(bad).isInstanceOf(SipSyntaxException.class);
        }
    }

    @Test
    void folded_values_unfold_to_single_spaces() {
        assertThat(Syntax.unfold("a \r\n  b\r\n\tc")).isEqualTo("a b c");
    }
}
