package org.sipsocial.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;

import org.sipsocial.identity.PemCertificates;
import org.sipsocial.identity.SelfSignedCertificateIssuer;
import org.sipsocial.identity.SiteIdentity;
import org.sipsocial.identity.SiteKeystore;

/**
 * Sets a site up in a new home: a random data key wrapped under the passphrase, a new key pair and
 * self-signed certificate in an encrypted keystore, the certificate as PEM, an empty encrypted database
 * at the current schema, the folder for remote sites' certificates, and the settings file.
 *
 * <p>All of it is built in a hidden folder beside the home and moved into place in one rename, so that a
 * failed or interrupted set-up leaves nothing behind and an existing home is never touched.
 */
public final class SiteSetup {
    private final Clock clock;
    private final SecureRandom random;
    private final Argon2idCost cost;

    public SiteSetup(Clock clock, SecureRandom random, Argon2idCost cost) {
        this.clock = clock;
        this.random = random;
        this.cost = cost;
    }

    public SiteIdentity create(SiteHome home, SiteSettings settings, Passphrase passphrase) {
        return create(home, settings, passphrase, Optional.empty());
    }

    /**
     * As {@link #create(SiteHome, SiteSettings, Passphrase)}, with the administrator's console password when one
     * is given (the caller wipes it); without one the console refuses every login until {@code admin passwd}.
     */
    public SiteIdentity create(SiteHome home, SiteSettings settings, Passphrase passphrase, Optional<char[]> adminPassword) {
        passphrase.requireStrongEnoughForNewSite();
        adminPassword.ifPresent(AdminPasswordHash::check);
        refuseExisting(home);
        Path staging = home.root().resolveSibling("." + home.root().getFileName() + ".init-"
                + HexFormat.of().formatHex(randomBytes(6)));
        try {
            SiteIdentity identity = build(new SiteHome(staging), settings, passphrase, adminPassword);
            moveIntoPlace(staging, home.root());
            return identity;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up the site in " + home.root() + ": " + e.getMessage(), e);
        } finally {
            deleteRecursively(staging);
        }
    }

    private static void refuseExisting(SiteHome home) {
        if (home.holdsSite()) {
            throw new StoreException(StoreFailure.SITE_HOME_EXISTS, home.root() + " already holds a site ("
                    + SiteSettings.read(home.settingsFile()).site() + "); init changes nothing there");
        }
        if (Files.exists(home.root()) && !isEmptyDirectory(home.root())) {
            throw new StoreException(StoreFailure.SITE_HOME_EXISTS,
                    home.root() + " already exists and is not empty; init changes nothing there");
        }
    }

    private SiteIdentity build(SiteHome staging, SiteSettings settings, Passphrase passphrase,
            Optional<char[]> adminPassword) throws IOException {
        createPrivateDirectory(staging.root());
        createPrivateDirectory(staging.keysDirectory());
        Files.createDirectories(staging.databaseDirectory());
        Files.createDirectories(staging.remoteCertificatesDirectory());
        Files.createFile(staging.lockFile());
        try (DataKey dataKey = DataKey.generate(random)) {
            Files.write(staging.wrappedDataKeyFile(), WrappedDataKey.wrap(dataKey, passphrase, cost, random));
            SiteIdentity identity = new SelfSignedCertificateIssuer(clock, random).issue(settings.site());
            char[] keystorePassword = dataKey.keystorePassword();
            try {
                Files.write(staging.keystoreFile(), SiteKeystore.write(identity, keystorePassword));
            } finally {
                Arrays.fill(keystorePassword, '\0');
            }
            Files.writeString(staging.certificateFile(), PemCertificates.write(identity.certificate()));
            try (SiteDatabase database = SiteDatabase.open(staging, dataKey)) {
                if (adminPassword.isPresent()) {
                    new AdminPasswords(database, clock).set(AdminPasswordHash.of(adminPassword.get(), random));
                }
            }
            settings.write(staging.settingsFile());
            return identity;
        }
    }

    private static void moveIntoPlace(Path staging, Path root) throws IOException {
        if (Files.isDirectory(root)) {
            try {
                Files.delete(root);
            } catch (DirectoryNotEmptyException e) {
                throw new StoreException(StoreFailure.SITE_HOME_EXISTS, root + " filled up while the site was set up");
            }
        }
        try {
            Files.move(staging, root, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            throw new StoreException(StoreFailure.SITE_HOME_EXISTS, root + " appeared while the site was set up");
        }
    }

    private static void createPrivateDirectory(Path directory) throws IOException {
        Files.createDirectories(directory);
        try {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: its own access rules apply.
        }
    }

    private static boolean isEmptyDirectory(Path path) {
        if (!Files.isDirectory(path)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(path)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up " + root, e);
        }
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }
}
