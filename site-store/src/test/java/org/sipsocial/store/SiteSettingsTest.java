package org.sipsocial.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipsocial.identity.SiteName;

class SiteSettingsTest {
    @TempDir
    Path temp;

    private static SiteSettings with(String bind, int sip, int sips, int link, int admin, List<String> digest) {
        return new SiteSettings(SiteName.of("theSmiths"), bind, sip, sips, link, admin, digest);
    }

    @Test
    void settings_written_and_read_back_are_equal() throws Exception {
        SiteSettings settings = with("192.168.1.10", 5060, 5061, 5070, 8480, List.of("MD5", "SHA-256"));
        Path file = temp.resolve("site.properties");
        settings.write(file);
        assertThat(SiteSettings.read(file)).isEqualTo(settings);
    }

    @Test
    void a_settings_file_without_optional_keys_gets_the_defaults() throws Exception {
        Path file = Files.writeString(temp.resolve("site.properties"), "site=theSmiths\n");
        assertThat(SiteSettings.read(file)).isEqualTo(SiteSettings.withDefaults(SiteName.of("theSmiths")));
        assertThat(SiteSettings.withDefaults(SiteName.of("x")).digestAlgorithms()).containsExactly("SHA-256", "MD5");
    }

    @Test
    void bad_values_are_refused_quoting_them() {
        assertThatThrownBy(() -> with("my.host", 5060, 5061, 5070, 8480, List.of("MD5"))).hasMessageContaining("\"my.host\"");
        assertThatThrownBy(() -> with("0.0.0.0", 0, 5061, 5070, 8480, List.of("MD5"))).hasMessageContaining("sip-port 0");
        assertThatThrownBy(() -> with("0.0.0.0", 5060, 5060, 5070, 8480, List.of("MD5"))).hasMessageContaining("both 5060");
        assertThatThrownBy(() -> with("0.0.0.0", 5060, 5061, 5070, 8480, List.of("SHA-512")))
                .hasMessageContaining("\"SHA-512\"");
        assertThatThrownBy(() -> with("0.0.0.0", 5060, 5061, 5070, 8480, List.of("MD5", "MD5"))).hasMessageContaining("each once");
        assertThatThrownBy(() -> with("0.0.0.0", 5060, 5061, 5070, 8480, List.of())).isInstanceOf(StoreException.class);
    }

    @Test
    void a_damaged_settings_file_is_refused_naming_the_file_and_the_value() throws Exception {
        Path file = Files.writeString(temp.resolve("site.properties"), "site=theSmiths\nsip-port=five\n");
        assertThatThrownBy(() -> SiteSettings.read(file)).hasMessageContaining(file.toString()).hasMessageContaining("\"five\"");
    }

    @Test
    void port_mapping_is_on_unless_the_file_says_off_and_is_written_back_as_it_was_read() throws Exception {
        Path file = temp.resolve("site.properties");
        Files.writeString(file, "site=theSmiths\n");
        assertThat(SiteSettings.read(file).portMapping()).isTrue();
        assertThat(SiteSettings.withDefaults(SiteName.of("theSmiths")).portMapping()).isTrue();
        Files.writeString(file, "site=theSmiths\nport-mapping = Off\n");
        SiteSettings off = SiteSettings.read(file);
        assertThat(off.portMapping()).isFalse();
        off.write(file);
        assertThat(Files.readString(file)).contains("port-mapping=off");
        assertThat(SiteSettings.read(file)).isEqualTo(off);
        Files.writeString(file, "site=theSmiths\nport-mapping = On\n");
        SiteSettings on = SiteSettings.read(file);
        assertThat(on.portMapping()).isTrue();
        on.write(file);
        assertThat(Files.readString(file)).contains("port-mapping=on");
        assertThat(SiteSettings.read(file)).isEqualTo(on);
    }

    @Test
    void a_port_mapping_value_other_than_on_or_off_is_refused_quoting_it() throws Exception {
        Path file = Files.writeString(temp.resolve("site.properties"), "site=theSmiths\nport-mapping=yes\n");
        assertThatThrownBy(() -> SiteSettings.read(file)).hasMessageContaining("port-mapping \"yes\" is neither on nor off");
    }

    @Test
    void console_address_is_an_ip_with_an_optional_port_read_with_the_others_and_a_bad_one_is_refused_quoting_it()
            throws Exception {
        Path file = temp.resolve("site.properties");
        Files.writeString(file, "site=theSmiths\n");
        assertThat(SiteSettings.read(file).consoleAddress()).isNull();
        Files.writeString(file, "site=theSmiths\nconsole-address=192.168.1.10\n");
        assertThat(SiteSettings.read(file).consoleAddress()).isEqualTo(new InetSocketAddress("192.168.1.10", 8443));
        Files.writeString(file, "site=theSmiths\nconsole-address = [fd00::1]:9443\n");
        SiteSettings v6 = SiteSettings.read(file);
        assertThat(v6.consoleAddress()).isEqualTo(new InetSocketAddress("fd00::1", 9443));
        Path again = temp.resolve("again.properties");
        v6.write(again);
        assertThat(SiteSettings.read(again)).isEqualTo(v6);
        Files.writeString(file, "site=theSmiths\nconsole-address=console.example.org\n");
        assertThatThrownBy(() -> SiteSettings.read(file)).isInstanceOf(StoreException.class).hasMessageContaining(file.toString())
                .hasMessageContaining("console-address \"console.example.org\" is not an IP address with an optional :port");
        Files.writeString(file, "site=theSmiths\nconsole-address=192.168.1.10:70000\n");
        assertThatThrownBy(() -> SiteSettings.read(file)).hasMessageContaining("has no port between 1 and 65535");
        Files.writeString(file, "site=theSmiths\nconsole-address=999.1.1.1\n");
        assertThatThrownBy(() -> SiteSettings.read(file)).hasMessageContaining("\"999.1.1.1\" is not an IP address");
    }

    @Test
    void ipv6_bind_addresses_are_accepted() {
        assertThat(with("::", 5060, 5061, 5070, 8480, List.of("MD5")).bindAddress()).isEqualTo("::");
        assertThat(with("fd00::1", 5060, 5061, 5070, 8480, List.of("MD5")).bindAddress()).isEqualTo("fd00::1");
    }

    @Test
    void link_timing_is_read_in_seconds_with_its_bounds_and_written_back() throws Exception {
        Path file = Files.writeString(temp.resolve("site.properties"),
                "site=theSmiths\nlink-connect-window=15\nlink-keep-alive=6\n");
        SiteSettings settings = SiteSettings.read(file);
        assertThat(settings.linkTiming()).isEqualTo(new SiteSettings.LinkTiming(Duration.ofSeconds(15), Duration.ofSeconds(6)));
        Path again = temp.resolve("again.properties");
        settings.write(again);
        assertThat(SiteSettings.read(again)).isEqualTo(settings);
        assertThat(SiteSettings.withDefaults(SiteName.of("x")).linkTiming())
                .isEqualTo(new SiteSettings.LinkTiming(Duration.ofMinutes(2), Duration.ofSeconds(25)));
    }

    @Test
    void link_timing_out_of_bounds_or_not_a_number_is_refused_quoting_it() throws Exception {
        Path tooShort = Files.writeString(temp.resolve("a.properties"), "site=theSmiths\nlink-connect-window=3\n");
        assertThatThrownBy(() -> SiteSettings.read(tooShort))
                .hasMessageContaining("link-connect-window 3 s is not between 10 and 3600 seconds");
        Path tooLong = Files.writeString(temp.resolve("b.properties"), "site=theSmiths\nlink-keep-alive=601\n");
        assertThatThrownBy(() -> SiteSettings.read(tooLong))
                .hasMessageContaining("link-keep-alive 601 s is not between 5 and 600 seconds");
        Path words = Files.writeString(temp.resolve("c.properties"), "site=theSmiths\nlink-keep-alive=often\n");
        assertThatThrownBy(() -> SiteSettings.read(words)).hasMessageContaining("\"often\"");
    }

    @Test
    void the_media_relay_ports_and_idle_timeout_are_read_with_their_bounds_and_written_back() throws Exception {
        Path file = Files.writeString(temp.resolve("site.properties"),
                "site=theSmiths\nmedia-ports=30000-30099\nmedia-idle-timeout=120\n");
        SiteSettings settings = SiteSettings.read(file);
        assertThat(settings.media()).isEqualTo(new SiteSettings.Media(30000, 30099, Duration.ofMinutes(2)));
        Path again = temp.resolve("again.properties");
        settings.write(again);
        assertThat(SiteSettings.read(again)).isEqualTo(settings);
        assertThat(SiteSettings.withDefaults(SiteName.of("x")).media())
                .isEqualTo(new SiteSettings.Media(40000, 40999, Duration.ofMinutes(5)));
    }

    @Test
    void media_settings_out_of_bounds_or_not_a_range_are_refused_quoting_them() throws Exception {
        Path words = Files.writeString(temp.resolve("a.properties"), "site=theSmiths\nmedia-ports=many\n");
        assertThatThrownBy(() -> SiteSettings.read(words)).hasMessageContaining("media-ports \"many\" is not a range");
        Path low = Files.writeString(temp.resolve("b.properties"), "site=theSmiths\nmedia-ports=80-90\n");
        assertThatThrownBy(() -> SiteSettings.read(low)).hasMessageContaining("media-ports 80-90 must be a range");
        Path quick = Files.writeString(temp.resolve("c.properties"), "site=theSmiths\nmedia-idle-timeout=5\n");
        assertThatThrownBy(() -> SiteSettings.read(quick))
                .hasMessageContaining("media-idle-timeout 5 s is not between 30 and 86400 seconds");
    }

    @Test
    void flood_limits_are_written_read_back_and_default_to_fifty_a_second_blocked_for_a_minute() throws Exception {
        SiteSettings settings = SiteSettings.withDefaults(SiteName.of("theSmiths"))
                .withFlood(new SiteSettings.Flood(200, Duration.ofSeconds(30)));
        Path file = temp.resolve("flood.properties");
        settings.write(file);

        assertThat(SiteSettings.read(file).flood()).isEqualTo(new SiteSettings.Flood(200, Duration.ofSeconds(30)));
        assertThat(SiteSettings.withDefaults(SiteName.of("theSmiths")).flood())
                .isEqualTo(new SiteSettings.Flood(50, Duration.ofSeconds(60)));
    }

    @Test
    void flood_limits_out_of_bounds_are_refused_quoting_the_value() throws Exception {
        Path slow = Files.writeString(temp.resolve("d.properties"), "site=theSmiths\nflood-rate=1\n");
        assertThatThrownBy(() -> SiteSettings.read(slow))
                .hasMessageContaining("flood-rate 1 is not between 5 and 100000 messages a second");
        Path forever = Files.writeString(temp.resolve("e.properties"), "site=theSmiths\nflood-block=0\n");
        assertThatThrownBy(() -> SiteSettings.read(forever))
                .hasMessageContaining("flood-block 0 s is not between 1 and 86400 seconds");
        Path word = Files.writeString(temp.resolve("f.properties"), "site=theSmiths\nflood-rate=many\n");
        assertThatThrownBy(() -> SiteSettings.read(word)).hasMessageContaining("\"many\"");
    }
}
