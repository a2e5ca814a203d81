package org.sipsocial.server.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.sipsocial.identity.SiteName;
import org.sipsocial.link.portmap.PortMappingStatus;
import org.sipsocial.store.SiteSettings;

/**
 * Issue 15's guard: no test site asks the machine's real router for anything. These tests run, as every test does,
 * with the variable the build sets and in the machine's own network namespace.
 */
class TestRouterGuardTest {
    private static final Map<String, String> IN_A_TEST = Map.of(TestRouterGuard.VARIABLE, "1");

    @Test
    void theBuildMarksEveryTestJvmSoThatTheGuardIsOn() {
        assertThat(System.getenv(TestRouterGuard.VARIABLE)).as("the parent pom's surefire/failsafe environmentVariables").isEqualTo("1");
    }

    @Test
    void aTestSiteWithPortMappingOnInTheMachinesNamespaceDoesNotStartAndSendsNothing() {
        assertThat(TestRouterGuard.inMachinesNamespace()).as("a unit test runs in the machine's namespace").isTrue();
        SiteSettings on = SiteSettings.withDefaults(SiteName.of("theSmiths"));
        assertThatThrownBy(() -> RouterPortMapping.start(on, Clock.systemUTC(), new SecureRandom()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("port-mapping = off");
    }

    @Test
    void aTestSiteWithPortMappingOffStartsAndSaysSo() {
        SiteSettings off = SiteSettings.withDefaults(SiteName.of("theSmiths")).withPortMapping(false);
        try (RouterPortMapping mapping = RouterPortMapping.start(off, Clock.systemUTC(), new SecureRandom())) {
            assertThat(mapping.status()).isEqualTo(PortMappingStatus.OFF);
        }
    }

    @Test
    void inANamespaceTheTestMadeOrOutsideTestsPortMappingOnIsAllowed() {
        assertThatCode(() -> TestRouterGuard.check(true, IN_A_TEST, false)).doesNotThrowAnyException();
        assertThatCode(() -> TestRouterGuard.check(true, Map.of(), true)).doesNotThrowAnyException();
        assertThatThrownBy(() -> TestRouterGuard.check(true, IN_A_TEST, true)).isInstanceOf(IllegalStateException.class);
    }
}
