package org.sipsocial.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipsocial.testkit.ManualClock;

/** Logging in to the console: the admin password opens it, wrong ones are refused, slowed, then blocked. */
class ConsoleLoginTest {
    @TempDir
    Path temp;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-06T18:00:00Z"));
    private RunningSite site;

    @BeforeEach
    void start() {
        site = RunningSite.start(temp.resolve("smiths"), "theSmiths", clock);
    }

    @AfterEach
    void stop() {
        site.close();
    }

    @Test
    void the_admin_password_opens_the_console_and_a_wrong_one_is_refused_saying_what_to_do() {
        ConsoleClient wrong = new ConsoleClient(site.server.port());
        HttpResponse<String> refused = wrong.login("not the password");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("Wrong password").contains("sipsocial admin passwd");
        assertThat(wrong.get("/site").statusCode()).isEqualTo(303);

        ConsoleClient admin = new ConsoleClient(site.server.port());
        assertThat(admin.login(RunningSite.ADMIN_PASSWORD).headers().firstValue("Location")).hasValue("/site");
        assertThat(admin.get("/site").body()).contains(site.store.identity().fingerprint().colonHex());
    }

    @Test
    void after_two_wrong_passwords_each_try_waits_twice_as_long_even_with_the_right_password() {
        ConsoleClient client = new ConsoleClient(site.server.port());
        client.login("wrong one");
        client.login("wrong two");
        assertThat(client.login("wrong three").statusCode()).isEqualTo(401);

        HttpResponse<String> slowed = client.login(RunningSite.ADMIN_PASSWORD);
        assertThat(slowed.statusCode()).isEqualTo(429);
        assertThat(slowed.body()).contains("Too many wrong passwords from 127.0.0.1: wait 1 second");

        clock.advance(Duration.ofSeconds(1));
        assertThat(client.login("wrong four").statusCode()).isEqualTo(401);
        clock.advance(Duration.ofSeconds(1));
        assertThat(client.login(RunningSite.ADMIN_PASSWORD).body()).contains("wait 1 second");
        clock.advance(Duration.ofSeconds(1));
        assertThat(client.login(RunningSite.ADMIN_PASSWORD).statusCode()).isEqualTo(303);
    }

    @Test
    void ten_wrong_passwords_block_the_address_for_fifteen_minutes() {
        ConsoleClient client = new ConsoleClient(site.server.port());
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofMinutes(1));
            assertThat(client.login("wrong " + i).statusCode()).as("try %d", i).isEqualTo(401);
        }
        clock.advance(Duration.ofMinutes(14));
        HttpResponse<String> blocked = client.login(RunningSite.ADMIN_PASSWORD);
        assertThat(blocked.statusCode()).isEqualTo(429);
        assertThat(blocked.body()).contains("blocked after 10 wrong passwords: try again in 1 minute");
        clock.advance(Duration.ofMinutes(1));
        assertThat(client.login(RunningSite.ADMIN_PASSWORD).statusCode()).isEqualTo(303);
    }

    @Test
    void a_session_left_idle_for_thirty_minutes_has_ended() {
        ConsoleClient admin = new ConsoleClient(site.server.port());
        admin.login(RunningSite.ADMIN_PASSWORD);
        clock.advance(Duration.ofMinutes(29));
        assertThat(admin.get("/users").statusCode()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(30));
        assertThat(admin.get("/users").statusCode()).isEqualTo(303);
    }
}
