package org.sipsocial.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store keeps every user whose add reported success, even when its process is killed mid-write. */
class KillDuringWritesTest {
    private static final int ADDS_BEFORE_KILL = 150;

    @TempDir
    Path temp;

    @Test
    void after_a_kill_9_while_adding_users_the_database_opens_and_holds_every_reported_user() throws Exception {
        SiteHome home = TestSites.create(temp.resolve("smiths"), "theSmiths");
        Process adder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AddUsersUntilKilled.class.getName(), home.root().toString())
                .redirectError(temp.resolve("adder.err").toFile())
                .start();
        Set<String> reported = new LinkedHashSet<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(adder.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("added ")) {
                    reported.add(line.substring("added ".length()));
                    if (reported.size() == ADDS_BEFORE_KILL) {
                        adder.toHandle().destroyForcibly(); // SIGKILL: no shutdown hooks, no close(); our pipe stays open
                    }
                }
            }
        }
        assertThat(adder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(adder.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
        assertThat(reported).hasSizeGreaterThanOrEqualTo(ADDS_BEFORE_KILL);

        try (SiteStore store = TestSites.open(home)) {
            Set<String> stored = new LinkedHashSet<>();
            store.users().list().forEach(user -> stored.add(user.name().toString()));
            assertThat(stored).containsAll(reported);
            assertThat(store.users().credentials(UserName.of("user0")).orElseThrow())
                    .isEqualTo(DigestCredentials.of(UserName.of("user0"), "theSmiths", "password-0".toCharArray()));
        }
    }
}
