package org.sipsocial.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipsocial.identity.SiteName;

/** Issue 15: what a site relays for other sites, in site.properties. */
class SiteSettingsRelayTest {
    @TempDir
    Path temp;

    @Test
    void relayingIsOffWithDefaultBoundsUnlessTheFileSaysOn() throws Exception {
        Path file = Files.writeString(temp.resolve("site.properties"), "site=theBrowns\n");
        SiteSettings.Relay relay = SiteSettings.read(file).relay();
        assertThat(relay).isEqualTo(SiteSettings.Relay.OFF);
        assertThat(relay.on()).isFalse();
        assertThat(relay.maxLinks()).isEqualTo(8);
        assertThat(relay.bytesPerSecond()).isEqualTo(2_000_000);
    }

    @Test
    void anAllowListAndBoundsAreReadAndWrittenBackAsTheyWereRead() throws Exception {
        Path file = Files.writeString(temp.resolve("site.properties"), "site=theBrowns\nrelay = on\n"
                + "relay-allow = theSmiths, theJoneses\nrelay-max-links=2\nrelay-bytes-per-second=50000\n");
        SiteSettings settings = SiteSettings.read(file);
        assertThat(settings.relay()).isEqualTo(new SiteSettings.Relay(true,
                List.of(SiteName.of("theSmiths"), SiteName.of("theJoneses")), 2, 50_000));
        Path again = temp.resolve("again.properties");
        settings.write(again);
        assertThat(SiteSettings.read(again)).isEqualTo(settings);
    }

    @Test
    void badRelayValuesAreRefusedQuotingThem() throws Exception {
        assertThatThrownBy(() -> read("relay=maybe")).hasMessageContaining("relay \"maybe\" is neither on nor off");
        assertThatThrownBy(() -> read("relay-allow=theSmiths, the Joneses!")).hasMessageContaining("\"Joneses!\"");
        assertThatThrownBy(() -> read("relay-max-links=0")).hasMessageContaining("relay-max-links 0 is not between 1 and 1000");
        assertThatThrownBy(() -> read("relay-bytes-per-second=10")).hasMessageContaining("relay-bytes-per-second 10 is not between");
        assertThatThrownBy(() -> read("relay-bytes-per-second=fast")).hasMessageContaining("\"fast\" is not a number");
    }

    private SiteSettings read(String line) throws Exception {
        return SiteSettings.read(Files.writeString(temp.resolve("site.properties"), "site=theBrowns\n" + line + "\n"));
    }
}
