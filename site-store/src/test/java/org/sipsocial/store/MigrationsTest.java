package org.sipsocial.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** A site database made by an earlier version keeps its rows, with the new columns' defaults. */
class MigrationsTest {
    private static final String URL = "jdbc:h2:mem:migrations;DB_CLOSE_DELAY=-1";

    private static void migrate(String target) {
        Flyway.configure().dataSource(URL, "sa", "").locations("classpath:db/migration").target(target).load().migrate();
    }

    @Test
    void usersOfAnEarlierVersionAreListedAndItsLinksAreNotDisconnected() throws SQLException {
        migrate("4");
        try (Connection connection = DriverManager.getConnection(URL, "sa", "");
             Statement sql = connection.createStatement()) {
            sql.executeUpdate("INSERT INTO site_user VALUES ('alice', 'alice', '" + "0".repeat(32) + "', '"
                    + "0".repeat(64) + "', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            sql.executeUpdate("INSERT INTO remote_site (name_key, name, host, port, fingerprint_sha256, certificate_pem, "
                    + "added_at, link_wanted) VALUES ('thejoneses', 'theJoneses', '203.0.113.7', 5070, 'AB', 'PEM', "
                    + "CURRENT_TIMESTAMP, TRUE)");
            migrate("latest");
            try (ResultSet user = sql.executeQuery("SELECT listed FROM site_user WHERE name_key = 'alice'")) {
                assertThat(user.next()).isTrue();
                assertThat(user.getBoolean(1)).isTrue();
            }
            try (ResultSet site = sql.executeQuery("SELECT link_wanted, link_disconnected FROM remote_site")) {
                assertThat(site.next()).isTrue();
                assertThat(site.getBoolean(1)).isTrue();
                assertThat(site.getBoolean(2)).isFalse();
            }
            sql.execute("DROP ALL OBJECTS");
        }
    }
}
