package org.sipsocial.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipsocial.identity.SiteName;
import org.sipsocial.link.LinkSettings;
import org.sipsocial.store.SiteSettings;

class LinkSettingsFromSitePropertiesTest {
    @Test
    void theLinkPortConnectWindowAndKeepAliveOfTheSiteReachItsLinks() {
        SiteSettings site = new SiteSettings(SiteName.of("theSmiths"), "10.1.0.2", 5060, 5061, 5071, 8480,
                List.of("MD5"), new SiteSettings.LinkTiming(Duration.ofSeconds(12), Duration.ofSeconds(7)));
        LinkSettings links = SiteRuntime.linkSettings(site);
        assertThat(links.listen()).isEqualTo(new InetSocketAddress("10.1.0.2", 5071));
        assertThat(links.connectWindow()).isEqualTo(Duration.ofSeconds(12));
        assertThat(links.keepAliveInterval()).isEqualTo(Duration.ofSeconds(7));
        LinkSettings defaults = LinkSettings.defaults(links.listen());
        assertThat(links.pongTimeout()).isEqualTo(defaults.pongTimeout());
        assertThat(links.maxBackoff()).isEqualTo(defaults.maxBackoff());
    }

    @Test
    void aSiteWithDefaultSettingsGetsTheIssuesDefaults() {
        LinkSettings links = SiteRuntime.linkSettings(SiteSettings.withDefaults(SiteName.of("theSmiths")));
        assertThat(links.connectWindow()).isEqualTo(Duration.ofMinutes(2));
        assertThat(links.keepAliveInterval()).isEqualTo(Duration.ofSeconds(25));
    }
}
