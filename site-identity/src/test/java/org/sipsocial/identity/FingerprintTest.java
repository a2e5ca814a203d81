package org.sipsocial.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class FingerprintTest {
    private static final SiteIdentity SMITHS =
            new SelfSignedCertificateIssuer(Clock.systemUTC(), new SecureRandom()).issue(SiteName.of("theSmiths"));

    @Test
    void the_fingerprint_is_the_sha256_of_the_der_certificate_in_openssl_form() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(SMITHS.certificate().getEncoded());
        String expected = HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        assertThat(SMITHS.fingerprint().colonHex()).isEqualTo(expected).hasSize(95);
        assertThat(SMITHS.fingerprint().opensslLine()).isEqualTo("sha256 Fingerprint=" + expected);
    }

    @Test
    void spoken_blocks_are_four_numbered_lines_of_four_blocks_that_spell_the_whole_fingerprint() {
        String blocks = SMITHS.fingerprint().spokenBlocks();
        assertThat(blocks.lines()).hasSize(4).allMatch(line -> line.matches("[1-4]: ([0-9A-F]{4} ){3}[0-9A-F]{4}"));
        String joined = blocks.lines().map(line -> line.substring(3).replace(" ", "")).reduce("", String::concat);
        assertThat(joined).isEqualTo(SMITHS.fingerprint().colonHex().replace(":", ""));
    }

    @Test
    void a_fingerprint_typed_in_any_usual_form_parses_to_the_same_value() {
        String colon = SMITHS.fingerprint().colonHex();
        assertThat(Fingerprint.parse(colon)).isEqualTo(SMITHS.fingerprint());
        assertThat(Fingerprint.parse(colon.toLowerCase().replace(":", ""))).isEqualTo(SMITHS.fingerprint());
        assertThat(Fingerprint.parse("  sha256 Fingerprint=" + colon + "\n")).isEqualTo(SMITHS.fingerprint());
        assertThat(Fingerprint.parse(SMITHS.fingerprint().spokenBlocks().replaceAll("[1-4]: ", ""))).isEqualTo(SMITHS.fingerprint());
    }

    @Test
    void a_fingerprint_that_is_not_64_hex_digits_is_refused_with_the_text_quoted() {
        assertThatThrownBy(() -> Fingerprint.parse("AB:CD"))
                .isInstanceOf(IdentityException.class).hasMessageContaining("\"AB:CD\"");
        assertThatThrownBy(() -> Fingerprint.parse("Z".repeat(64))).hasMessageContaining("64 hexadecimal digits");
    }
}
