package org.sipsocial.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

/**
 * The administrator's console password in the encrypted store: at most one Argon2id hash
 * ({@link AdminPasswordHash}), set at {@code init} or by {@code sipsocial admin passwd}. The password itself is
 * never stored, logged nor returned.
 */
public final class AdminPasswords {
    private final SiteDatabase database;
    private final Clock clock;

    public AdminPasswords(SiteDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Sets the password's hash, replacing any before it. */
    public void set(AdminPasswordHash hash) {
        try (Connection connection = database.connection();
             PreparedStatement merge = connection.prepareStatement(
                     "MERGE INTO admin_password (id, hash, changed_at) KEY (id) VALUES (1, ?, ?)")) {
            merge.setString(1, hash.encoded());
            merge.setTimestamp(2, Timestamp.from(clock.instant()));
            merge.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(StoreFailure.STORE_DAMAGED, "cannot set the admin password: " + e.getMessage(), e);
        }
    }

    /** The stored hash; empty while no admin password was ever set. */
    public Optional<AdminPasswordHash> hash() {
        try (Connection connection = database.connection();
             PreparedStatement select = connection.prepareStatement("SELECT hash FROM admin_password WHERE id = 1");
             ResultSet row = select.executeQuery()) {
            return row.next() ? Optional.of(AdminPasswordHash.parse(row.getString(1))) : Optional.empty();
        } catch (SQLException e) {
            throw new StoreException(StoreFailure.STORE_DAMAGED, "cannot read the admin password: " + e.getMessage(), e);
        }
    }

    /** Whether {@code password} is the administrator's; false while none is set. */
    public boolean matches(char[] password) {
        return hash().map(stored -> stored.matches(password)).orElse(false);
    }
}
