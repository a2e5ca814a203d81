package org.sipsocial.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.BigIntegers;
import org.sipsocial.testkit.FileScan;
import org.junit.jupiter.api.Test;

class PemAndKeystoreTest {
    private static final SiteIdentity SMITHS =
            new SelfSignedCertificateIssuer(Clock.systemUTC(), new SecureRandom()).issue(SiteName.of("theSmiths"));

    @Test
    void a_certificate_written_as_pem_reads_back_equal_and_holds_no_key() {
        String pem = PemCertificates.write(SMITHS.certificate());
        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----").doesNotContain("PRIVATE KEY");
        assertThat(PemCertificates.read(pem.getBytes(StandardCharsets.US_ASCII), "smiths.pem"))
                .isEqualTo(SMITHS.certificate());
    }

    @Test
    void a_der_certificate_is_read_too() throws Exception {
        assertThat(PemCertificates.read(SMITHS.certificate().getEncoded(), "smiths.der")).isEqualTo(SMITHS.certificate());
    }

    @Test
    void a_private_key_or_garbage_is_refused_as_a_certificate_naming_the_file() throws Exception {
        java.io.StringWriter keyPem = new java.io.StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(keyPem)) {
            writer.writeObject(SMITHS.privateKey());
        }
        assertThatThrownBy(() -> PemCertificates.read(keyPem.toString().getBytes(StandardCharsets.US_ASCII), "key.pem"))
                .isInstanceOf(IdentityException.class).hasMessageContaining("key.pem").hasMessageContaining("a key");
        assertThatThrownBy(() -> PemCertificates.read("hello".getBytes(StandardCharsets.US_ASCII), "junk.txt"))
                .isInstanceOf(IdentityException.class).hasMessageContaining("junk.txt");
    }

    @Test
    void the_keystore_gives_back_the_key_and_certificate_with_the_right_password_only() {
        byte[] keystore = SiteKeystore.write(SMITHS, "correct horse".toCharArray());
        SiteIdentity read = SiteKeystore.read(keystore, "correct horse".toCharArray());
        assertThat(read.site()).isEqualTo(SMITHS.site());
        assertThat(read.certificate()).isEqualTo(SMITHS.certificate());
        assertThat(read.privateKey().getEncoded()).isEqualTo(SMITHS.privateKey().getEncoded());
        assertThatThrownBy(() -> SiteKeystore.read(keystore, "wrong".toCharArray()))
                .isInstanceOf(IdentityException.class)
                .extracting(e -> ((IdentityException) e).reason()).isEqualTo(IdentityFailure.KEYSTORE_UNREADABLE);
    }

    @Test
    void the_keystore_does_not_hold_the_private_key_in_the_clear() {
        byte[] keystore = SiteKeystore.write(SMITHS, "correct horse".toCharArray());
        byte[] encodedKey = SMITHS.privateKey().getEncoded();
        byte[] scalar = BigIntegers.asUnsignedByteArray(32, ((ECPrivateKey) SMITHS.privateKey()).getS());
        assertThat(FileScan.indexOf(keystore, encodedKey)).isEqualTo(-1);
        assertThat(FileScan.indexOf(keystore, scalar)).isEqualTo(-1);
    }
}
