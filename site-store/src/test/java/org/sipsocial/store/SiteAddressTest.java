package org.sipsocial.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SiteAddressTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "203.0.113.7            | 203.0.113.7   | 5070",
        "203.0.113.7:6000       | 203.0.113.7   | 6000",
        "[2001:db8::7]          | 2001:db8::7   | 5070",
        "[2001:db8::7]:1        | 2001:db8::7   | 1",
        "[::ffff:192.0.2.1]:80  | ::ffff:192.0.2.1 | 80",
        "jones.example.org      | jones.example.org | 5070",
        "Jones-Home.example:65535 | Jones-Home.example | 65535",
        "localhost:5071         | localhost     | 5071",
    })
    void an_ip_literal_or_dns_name_with_an_optional_port_is_read_with_5070_as_the_default(String text, String host, int port) {
        SiteAddress address = SiteAddress.parse(text);
        assertThat(address.host()).isEqualTo(host);
        assertThat(address.port()).isEqualTo(port);
    }

    @Test
    void an_address_is_written_back_with_its_port_and_an_ipv6_host_in_brackets() {
        assertThat(SiteAddress.parse("203.0.113.7")).hasToString("203.0.113.7:5070");
        assertThat(SiteAddress.parse("[2001:db8::7]:6000")).hasToString("[2001:db8::7]:6000");
        assertThat(SiteAddress.parse(SiteAddress.parse("[2001:db8::7]").toString())).isEqualTo(SiteAddress.parse("[2001:db8::7]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "203.0.113.7:0", "203.0.113.7:65536", "203.0.113.7:", "203.0.113.7:http",
        "203.0.113.7:99999999999", "256.1.1.1", "1.2.3", "2001:db8::7", "[2001:db8::7", "[2001:db8::7]x",
        "[jones.example]:5070", "[fe80::1%eth0]", "jones_home.example", "-jones.example", "jones..example",
        "jones.example:50:70", "[2001:db8::7]:-1", "ho st", "host/path"})
    void a_bad_address_is_refused_with_bad_address_quoting_it(String text) {
        assertThatThrownBy(() -> SiteAddress.parse(text))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("bad address \"" + text + "\": ")
                .extracting(e -> ((StoreException) e).reason()).isEqualTo(StoreFailure.BAD_ADDRESS);
    }

    @Test
    void a_dns_name_is_kept_as_written_and_never_looked_up() {
        assertThat(SiteAddress.parse("no-such-host.invalid").host()).isEqualTo("no-such-host.invalid");
    }
}
