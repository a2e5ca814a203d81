package org.sipsocial.routing.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.sipsocial.routing.auth.NonceService.Verdict;
import org.sipsocial.testkit.ManualClock;

class NonceServiceTest {
    private final ManualClock clock = ManualClock.at("2026-11-30T12:00:00Z");
    private final NonceService nonces = new NonceService(clock, new SecureRandom(), Duration.ofMinutes(5));

    @Test
    void a_new_nonce_is_fresh_for_each_higher_nonce_count_and_a_replay_otherwise() {
        String nonce = nonces.issue();
        assertThat(nonces.use(nonce, 1)).isEqualTo(Verdict.FRESH);
        assertThat(nonces.use(nonce, 2)).isEqualTo(Verdict.FRESH);
        assertThat(nonces.use(nonce, 2)).isEqualTo(Verdict.REPLAYED);
        assertThat(nonces.use(nonce, 1)).isEqualTo(Verdict.REPLAYED);
        assertThat(nonces.use(nonce, 7)).isEqualTo(Verdict.FRESH);
    }

    @Test
    void a_nonce_past_its_lifetime_is_stale_not_unknown() {
        String nonce = nonces.issue();
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(nonces.use(nonce, 1)).isEqualTo(Verdict.STALE);
    }

    @Test
    void nonces_we_did_not_issue_are_unknown() {
        String nonce = nonces.issue();
        String forged = (nonce.charAt(0) == 'A' ? 'B' : 'A') + nonce.substring(1);
        assertThat(nonces.use(forged, 1)).isEqualTo(Verdict.UNKNOWN);
        assertThat(nonces.use("not base64 !", 1)).isEqualTo(Verdict.UNKNOWN);
        assertThat(nonces.use("", 1)).isEqualTo(Verdict.UNKNOWN);
        assertThat(new NonceService(clock, new SecureRandom(), Duration.ofMinutes(5)).use(nonce, 1))
                .as("another site's (or a restarted site's) nonce").isEqualTo(Verdict.UNKNOWN);
        assertThat(nonces.use(nonce, 0)).as("nonce-count starts at 1").isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void every_issued_nonce_is_different() {
        assertThat(nonces.issue()).isNotEqualTo(nonces.issue());
    }
}
