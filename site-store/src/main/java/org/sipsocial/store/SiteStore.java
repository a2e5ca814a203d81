package org.sipsocial.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.util.Arrays;

import org.sipsocial.identity.IdentityException;
import org.sipsocial.identity.SiteIdentity;
import org.sipsocial.identity.SiteKeystore;

/**
 * An opened site: its settings, its identity (private key and certificate) and its encrypted database with
 * the services on it. Opening takes the passphrase: it unwraps the data key, which opens the keystore and the
 * database; a wrong passphrase is refused before anything is touched.
 */
public final class SiteStore implements AutoCloseable {
    private final SiteHome home;
    private final SiteSettings settings;
    private final SiteIdentity identity;
    private final SiteDatabase database;
    private final Users users;
    private final SiteLock lock;
    private final Clock clock;

    private SiteStore(SiteHome home, SiteLock lock, SiteSettings settings, SiteIdentity identity, SiteDatabase database,
            Clock clock) {
        this.home = home;
        this.lock = lock;
        this.settings = settings;
        this.identity = identity;
        this.database = database;
        this.clock = clock;
        this.users = new Users(database, settings.site().toString(), clock);
    }

    public static SiteStore open(SiteHome home, Passphrase passphrase, Clock clock) {
        home.requireSite();
        SiteSettings settings = SiteSettings.read(home.settingsFile());
        SiteLock lock = SiteLock.acquire(home);
        try (DataKey dataKey = WrappedDataKey.unwrap(readWrappedKey(home), passphrase)) {
            SiteIdentity identity = readIdentity(home, dataKey);
            return new SiteStore(home, lock, settings, identity, SiteDatabase.open(home, dataKey), clock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static SiteIdentity readIdentity(SiteHome home, DataKey dataKey) {
        char[] password = dataKey.keystorePassword();
        try {
            return SiteKeystore.read(Files.readAllBytes(home.keystoreFile()), password);
        } catch (IOException e) {
            throw new StoreException(StoreFailure.STORE_DAMAGED, "cannot read the site keystore " + home.keystoreFile(), e);
        } catch (IdentityException e) {
            throw new StoreException(StoreFailure.STORE_DAMAGED, e.getMessage(), e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static byte[] readWrappedKey(SiteHome home) {
        try {
            return Files.readAllBytes(home.wrappedDataKeyFile());
        } catch (NoSuchFileException e) {
            throw new StoreException(StoreFailure.NO_SITE_HOME, home.root() + " has no " + home.wrappedDataKeyFile());
        } catch (IOException e) {
            throw new StoreException(StoreFailure.STORE_DAMAGED, "cannot read " + home.wrappedDataKeyFile(), e);
        }
    }

    public SiteHome home() {
        return home;
    }

    public SiteSettings settings() {
        return settings;
    }

    public SiteIdentity identity() {
        return identity;
    }

    public Users users() {
        return users;
    }

    /** The administrator's console password (its hash only). */
    public AdminPasswords adminPasswords() {
        return new AdminPasswords(database, clock);
    }

    public StoredBindings bindings() {
        return new StoredBindings(database);
    }

    /** The Network Connection list as stored; {@link NetworkList} holds its rules. */
    public RemoteSites remoteSites() {
        return new RemoteSites(database);
    }

    /** The clock the store was opened with. */
    public Clock clock() {
        return clock;
    }

    public SiteDatabase database() {
        return database;
    }

    @Override
    public void close() {
        try {
            database.close();
        } finally {
            lock.close();
        }
    }
}
