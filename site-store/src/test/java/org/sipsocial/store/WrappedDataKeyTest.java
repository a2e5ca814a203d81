package org.sipsocial.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import org.junit.jupiter.api.Test;
import org.sipsocial.testkit.FileScan;

class WrappedDataKeyTest {
    private final SecureRandom random = new SecureRandom();

    @Test
    void the_data_key_unwraps_with_the_passphrase_it_was_wrapped_under() {
        DataKey key = DataKey.generate(random);
        byte[] file = WrappedDataKey.wrap(key, Passphrase.of("s3cret passphrase".toCharArray()), Argon2idCost.FOR_TESTS, random);
        try (DataKey back = WrappedDataKey.unwrap(file, Passphrase.of("s3cret passphrase".toCharArray()))) {
            assertThat(back.bytes()).isEqualTo(key.bytes());
        }
    }

    @Test
    void a_wrong_passphrase_is_refused_as_such() {
        byte[] file = WrappedDataKey.wrap(DataKey.generate(random), Passphrase.of("s3cret passphrase".toCharArray()),
                Argon2idCost.FOR_TESTS, random);
        assertThatThrownBy(() -> WrappedDataKey.unwrap(file, Passphrase.of("S3cret passphrase".toCharArray())))
                .isInstanceOf(StoreException.class).hasMessageContaining("wrong passphrase")
                .extracting(e -> ((StoreException) e).reason()).isEqualTo(StoreFailure.WRONG_PASSPHRASE);
    }

    @Test
    void the_file_records_argon2id_and_its_cost_but_not_the_key() {
        DataKey key = DataKey.generate(random);
        byte[] file = WrappedDataKey.wrap(key, Passphrase.of("s3cret passphrase".toCharArray()), Argon2idCost.DEFAULT, random);
        String text = new String(file, StandardCharsets.ISO_8859_1);
        assertThat(text).contains("kdf=argon2id", "argon2.memory-kib=65536", "argon2.iterations=3", "cipher=AES-256-GCM");
        assertThat(FileScan.indexOf(file, key.bytes())).isEqualTo(-1);
        assertThat(text).doesNotContain(java.util.Base64.getEncoder().encodeToString(key.bytes()));
    }

    @Test
    void a_file_whose_cost_was_lowered_by_an_attacker_does_not_open() {
        byte[] file = WrappedDataKey.wrap(DataKey.generate(random), Passphrase.of("s3cret passphrase".toCharArray()),
                new Argon2idCost(2048, 2, 1), random);
        byte[] tampered = new String(file, StandardCharsets.ISO_8859_1).replace("argon2.iterations=2", "argon2.iterations=1")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> WrappedDataKey.unwrap(tampered, Passphrase.of("s3cret passphrase".toCharArray())))
                .isInstanceOf(StoreException.class);
    }

    @Test
    void garbage_instead_of_a_key_file_is_reported_as_damage_not_a_crash() {
        assertThatThrownBy(() -> WrappedDataKey.unwrap("nonsense\u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1),
                Passphrase.of("s3cret passphrase".toCharArray())))
                .isInstanceOf(StoreException.class)
                .extracting(e -> ((StoreException) e).reason()).isEqualTo(StoreFailure.STORE_DAMAGED);
    }

    @Test
    void sub_keys_for_the_database_and_the_keystore_differ_and_are_stable() {
        DataKey key = DataKey.generate(random);
        assertThat(key.derive(DataKey.DATABASE_LABEL, 32)).isNotEqualTo(key.derive(DataKey.KEYSTORE_LABEL, 32))
                .isEqualTo(key.derive(DataKey.DATABASE_LABEL, 32));
    }
}
