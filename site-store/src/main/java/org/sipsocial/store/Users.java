package org.sipsocial.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.h2.api.ErrorCode;

/**
 * The site's users (AORs {@code user@site}). Each administrative action is one method, which the CLI, the
 * admin API and the console all call. Passwords come in as characters, are turned into
 * {@link DigestCredentials} and wiped; only the HA1 values reach the database.
 *
 * <p>Every digest check of the site asks for {@link #credentials}, so the credentials of existing users are kept in
 * memory once read (issue 14: no database query per check). This object is the only writer of the users' table
 * of an open site (the {@link SiteLock} keeps other processes out; the CLI and the console of a running site come
 * through it), so each change here forgets the cached entry after writing the database. A read fills the cache
 * inside {@link ConcurrentMap#computeIfAbsent}, which holds the entry while it reads: a change that lands during
 * the read waits for it and then forgets what it read. Unknown names are not cached, so guessing names cannot
 * grow it past the number of users.
 */
public final class Users {
    private final SiteDatabase database;
    private final String realm;
    private final Clock clock;
    private final ConcurrentMap<String, DigestCredentials> cached = new ConcurrentHashMap<>();

    public Users(SiteDatabase database, String realm, Clock clock) {
        this.database = database;
        this.realm = realm;
        this.clock = clock;
    }

    /** Adds {@code name}, listed in the directory; refuses a name taken by another spelling of the same user. */
    public User add(UserName name, char[] password) {
        return add(name, password, true);
    }

    /** Adds {@code name}; refuses a name taken by another spelling of the same user. */
    public User add(UserName name, char[] password, boolean listed) {
        DigestCredentials credentials = credentialsFor(name, password);
        Instant now = clock.instant();
        try (Connection connection = database.connection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO site_user "
                     + "(name_key, name, ha1_md5, ha1_sha256, created_at, password_changed_at, listed) "
                     + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, name.key());
            insert.setString(2, name.toString());
            insert.setString(3, credentials.ha1Md5());
            insert.setString(4, credentials.ha1Sha256());
            insert.setTimestamp(5, Timestamp.from(now));
            insert.setTimestamp(6, Timestamp.from(now));
            insert.setBoolean(7, listed);
            insert.executeUpdate();
            cached.remove(name.key());
            return new User(name, now, listed);
        } catch (SQLException e) {
            if (e.getErrorCode() == ErrorCode.DUPLICATE_KEY_1) {
                throw new StoreException(StoreFailure.USER_EXISTS, "user " + existingSpelling(name) + "@" + realm
                        + " already exists (user names are compared ignoring case)");
            }
            throw failed("add user " + name, e);
        }
    }

    public List<User> list() {
        try (Connection connection = database.connection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT name, created_at, listed FROM site_user ORDER BY name_key");
             ResultSet rows = select.executeQuery()) {
            List<User> users = new ArrayList<>();
            while (rows.next()) {
                users.add(new User(UserName.of(rows.getString(1)), rows.getTimestamp(2).toInstant(), rows.getBoolean(3)));
            }
            return users;
        } catch (SQLException e) {
            throw failed("list users", e);
        }
    }

    /** The names of the listed users, as they were added, in the order of their names ignoring case. */
    public List<UserName> listedNames() {
        try (Connection connection = database.connection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT name FROM site_user WHERE listed ORDER BY name_key");
             ResultSet rows = select.executeQuery()) {
            List<UserName> names = new ArrayList<>();
            while (rows.next()) {
                names.add(UserName.of(rows.getString(1)));
            }
            return names;
        } catch (SQLException e) {
            throw failed("list the listed users", e);
        }
    }

    /** Lists or unlists {@code name} in the directory that connected sites see. */
    public void setListed(UserName name, boolean listed) {
        if (update("UPDATE site_user SET listed = ? WHERE name_key = ?", listed, name.key()) == 0) {
            throw noSuchUser(name);
        }
    }

    public void remove(UserName name) {
        int removed = update("DELETE FROM site_user WHERE name_key = ?", name.key());
        cached.remove(name.key());
        if (removed == 0) {
            throw noSuchUser(name);
        }
    }

    /** Sets a new password; the HA1 values are computed with the user name as it was added, whatever case is given. */
    public void changePassword(UserName name, char[] password) {
        UserName stored = credentials(name).map(existing -> UserName.of(existing.userName())).orElseThrow(() -> {
            Arrays.fill(password, '\0');
            return noSuchUser(name);
        });
        DigestCredentials credentials = credentialsFor(stored, password);
        int changed = update("UPDATE site_user SET ha1_md5 = ?, ha1_sha256 = ?, password_changed_at = ? WHERE name_key = ?",
                credentials.ha1Md5(), credentials.ha1Sha256(), Timestamp.from(clock.instant()), name.key());
        cached.remove(name.key());
        if (changed == 0) {
            throw noSuchUser(name);
        }
    }

    /** The digest secrets of {@code name}, spelled as it was added, if such a user exists; from memory once read. */
    public Optional<DigestCredentials> credentials(UserName name) {
        return Optional.ofNullable(cached.computeIfAbsent(name.key(), key -> stored(name).orElse(null)));
    }

    private Optional<DigestCredentials> stored(UserName name) {
        try (Connection connection = database.connection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT name, ha1_md5, ha1_sha256 FROM site_user WHERE name_key = ?")) {
            select.setString(1, name.key());
            try (ResultSet row = select.executeQuery()) {
                return row.next()
                        ? Optional.of(new DigestCredentials(row.getString(1), realm, row.getString(2), row.getString(3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw failed("read user " + name, e);
        }
    }

    private DigestCredentials credentialsFor(UserName name, char[] password) {
        try {
            return DigestCredentials.of(name, realm, SitePassword.check(password));
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private String existingSpelling(UserName name) {
        return credentials(name).map(DigestCredentials::userName).orElse(name.toString());
    }

    private int update(String sql, Object... values) {
        try (Connection connection = database.connection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw failed("change users", e);
        }
    }

    private StoreException noSuchUser(UserName name) {
        return new StoreException(StoreFailure.NO_SUCH_USER, "no user " + name + "@" + realm);
    }

    private StoreException failed(String action, SQLException e) {
        database.failed(e);
        return new StoreException(StoreFailure.STORE_DAMAGED, "cannot " + action + ": " + e.getMessage(), e);
    }
}
