package org.sipsocial.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.h2.api.ErrorCode;

/**
 * The site's embedded H2 database, encrypted on disk with H2's {@code CIPHER=AES} under a file password derived
 * from the data key; its schema is kept by Flyway migrations ({@code db/migration}).
 *
 * <p>H2 is told never to write a trace file (it would hold SQL text in the clear) and to make each commit
 * durable before it returns ({@code WRITE_DELAY=0}), so that a user whose {@code add} reported success
 * survives a kill -9.
 */
public final class SiteDatabase implements AutoCloseable {
    /** A CLI command and a running site both need only a few connections. */
    public static final int MAX_CONNECTIONS = 4;
    private static final String USER = "site";
    private static final String URL_OPTIONS = ";CIPHER=AES;TRACE_LEVEL_FILE=0;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";

    private final HikariDataSource pool;

    private SiteDatabase(HikariDataSource pool) {
        this.pool = pool;
    }

    /** Opens (creating if absent) the database of {@code home} and brings its schema up to date. */
    public static SiteDatabase open(SiteHome home, DataKey dataKey) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("site-store");
        config.setJdbcUrl("jdbc:h2:file:" + home.databaseBase() + URL_OPTIONS);
        config.setUsername(USER);
        char[] filePassword = dataKey.databaseFilePassword();
        // H2 reads "<file password> <user password>"; the user password is derived too, so nothing is guessable.
        config.setPassword(new String(filePassword) + " " + new String(filePassword, 0, 16));
        Arrays.fill(filePassword, '\0');
        config.setMaximumPoolSize(MAX_CONNECTIONS);
        config.setMinimumIdle(1);
        config.setInitializationFailTimeout(1);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            throw translate(e.getCause() instanceof SQLException ? (SQLException) e.getCause() : null, e);
        }
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").loggers("slf4j").load().migrate();
        } catch (FlywayException e) {
            pool.close();
            throw new StoreException(StoreFailure.STORE_DAMAGED, "the site database cannot be migrated: " + e.getMessage(), e);
        }
        return new SiteDatabase(pool);
    }

    private static StoreException translate(SQLException sql, RuntimeException whole) {
        if (sql != null && sql.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
            return new StoreException(StoreFailure.STORE_IN_USE,
                    "the site database is in use by another process (is the site running?)", whole);
        }
        if (sql != null && (sql.getErrorCode() == ErrorCode.FILE_ENCRYPTION_ERROR_1
                || sql.getErrorCode() == ErrorCode.WRONG_USER_OR_PASSWORD)) {
            return new StoreException(StoreFailure.STORE_DAMAGED,
                    "the site database does not open with this site's data key", whole);
        }
        return new StoreException(StoreFailure.STORE_DAMAGED,
                "the site database cannot be opened: " + (sql == null ? whole.getMessage() : sql.getMessage()), whole);
    }

    public DataSource dataSource() {
        return pool;
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /**
     * Called with every failure of a statement: H2 closes a database whose file could not be written (a full disk,
     * a read-only home: error 90098 from then on, on every connection). The pooled connections to it are thrown
     * away then, so that the next one opens the file again, as it was at its last commit, once the disk takes
     * writes again. Returns {@code failure}.
     */
    public SQLException failed(SQLException failure) {
        if (failure.getErrorCode() == ErrorCode.DATABASE_IS_CLOSED) {
            pool.getHikariPoolMXBean().softEvictConnections();
        }
        return failure;
    }

    @Override
    public void close() {
        pool.close();
    }
}
