package org.sipsocial.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipsocial.routing.registrar.Binding;
import org.sipsocial.testkit.SippScenarios;
import org.sipsocial.testkit.FreePorts;
import org.sipsocial.testkit.Sipp;

/** A site stopped and started again still knows where its phones are, until their registrations expire. */
class RestartKeepsRegistrationsTest {
    @TempDir
    Path temp;

    @Test
    void a_registration_made_before_a_restart_is_there_after_it_with_its_remaining_lifetime() {
        RunningSite site = RunningSite.start(temp, "theSmiths", Map.of("bob", "bob-pw"));
        try {
            Path logs = temp.resolve("logs");
            Sipp.Result registered = Sipp.in(logs).remote(site.sip()).scenario(SippScenarios.scenario("register.xml"))
                    .injection(SippScenarios.credentials(logs, "bob", "bob-pw", "theSmiths", "45678"))
                    .transport(Sipp.Transport.UDP).local("127.0.0.1", FreePorts.tcpAndUdp()).calls(1)
                    .limit(Duration.ofSeconds(30)).run();
            assertThat(registered.allCallsSucceeded()).as(registered.describe()).isTrue();
            site = site.restart();
            List<Binding> bindings = site.runtime().sip().location().lookup("bob", Instant.now());
            assertThat(bindings).extracting(b -> b.contact().uri().toString()).containsExactly("sip:bob@127.0.0.1:45678;transport=UDP");
            assertThat(bindings.get(0).expiresAt()).isAfter(Instant.now().plus(Duration.ofMinutes(59)));
        } finally {
            site.close();
        }
    }
}
