package org.sipsocial.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenTest {
    @TempDir
    Path temp;

    @Test
    void a_written_token_is_read_back_from_a_file_only_its_owner_may_read() throws Exception {
        Path file = temp.resolve("admin.token");
        AdminToken token = AdminToken.generate(new SecureRandom());
        token.write(file);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(AdminToken.read(file)).hasValueSatisfying(read -> assertThat(read.value()).isEqualTo(token.value()));
        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files).as("no staging file is left").containsExactly(file);
        }
    }

    @Test
    void a_new_token_replaces_one_left_by_a_site_that_did_not_stop_cleanly() {
        Path file = temp.resolve("admin.token");
        AdminToken.generate(new SecureRandom()).write(file);
        AdminToken second = AdminToken.generate(new SecureRandom());
        second.write(file);
        assertThat(AdminToken.read(file).orElseThrow().value()).isEqualTo(second.value());
    }

    @Test
    void no_token_file_means_no_running_site() {
        assertThat(AdminToken.read(temp.resolve("admin.token"))).isEmpty();
    }

    @Test
    void a_file_that_holds_no_token_is_refused_naming_it() throws Exception {
        Path file = Files.writeString(temp.resolve("admin.token"), "not a token\n");
        assertThatThrownBy(() -> AdminToken.read(file)).isInstanceOf(StoreException.class)
                .hasMessage("cannot read the admin token " + file + ": it does not hold an admin token");
    }

    @Test
    void a_token_matches_itself_only_and_never_shows_in_its_string_form() {
        AdminToken token = AdminToken.generate(new SecureRandom());
        assertThat(token.value()).hasSize(43);
        assertThat(token.matches(token.value())).isTrue();
        assertThat(token.matches(AdminToken.generate(new SecureRandom()).value())).isFalse();
        assertThat(token.matches(null)).isFalse();
        assertThat(token.matches("")).isFalse();
        assertThat(token.toString()).doesNotContain(token.value());
    }
}
