package org.sipsocial.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A backup of a site home: one ZIP file holding a marker ({@value #MARKER}), the site's settings and
 * certificate, the wrapped data key, the keystore, the certificates of remote sites and the database file,
 * each as it is on disk, so still encrypted: the passphrase is needed to use it, as it is for the home.
 *
 * <p>The database is copied consistently: an open database by H2's {@code BACKUP TO} (a snapshot of the
 * MVStore taken while the site keeps writing), a closed one under the site lock, so no site can start on it
 * meanwhile. What else the home holds is written once, at {@code init} or on a change of the Network
 * Connection list (whose truth is the database; the PEM files are its mirror).
 */
public final class SiteBackup {
    /** The first entry of every backup: what it is, for which site, when. */
    static final String MARKER = "sipsocial-backup.properties";
    static final String FORMAT = "1";
    private static final String DATABASE = "db/site.mv.db";
    private static final List<String> REQUIRED = List.of("site.properties", "site-certificate.pem",
            "keys/data-key.wrapped", "keys/site.p12", DATABASE);
    private static final Pattern REMOTE_CERTIFICATE = Pattern.compile("lib/certificates/[A-Za-z0-9][A-Za-z0-9.-]{0,252}\\.pem");
    /** H2 starts a file written with {@code CIPHER=AES} with this header (its FileEncrypt). */
    private static final byte[] ENCRYPTED_HEADER = "H2encrypt\n".getBytes(StandardCharsets.US_ASCII);
    private static final int ENCRYPTED_HEADER_CHECKED = 9;

    private SiteBackup() {
    }

    /** Writes a backup of the home of an open store (a running site, or a command holding the store). */
    public static void write(SiteStore store, OutputStream out) {
        SiteHome home = store.home();
        Path snapshot = null;
        try {
            snapshot = Files.createTempFile(home.databaseDirectory(), "backup-", ".zip");
            try (Connection connection = store.database().connection(); Statement statement = connection.createStatement()) {
                statement.execute("BACKUP TO '" + snapshot.toString().replace("'", "''") + "'");
            }
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                writeFiles(home, store.settings().site().toString(), store.clock(), zip);
                copyDatabaseFrom(snapshot, zip);
                zip.finish();
            }
        } catch (SQLException e) {
            throw new StoreException(StoreFailure.STORE_DAMAGED, "cannot take a snapshot of the database: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StoreException(StoreFailure.UNREADABLE_FILE, "cannot write the backup: " + e.getMessage(), e);
        } finally {
            deleteQuietly(snapshot);
        }
    }

    /** Writes a backup of a stopped site, holding its lock meanwhile (no passphrase needed: nothing is decrypted). */
    public static void writeStopped(SiteHome home, Clock clock, OutputStream out) {
        home.requireSite();
        SiteSettings settings = SiteSettings.read(home.settingsFile());
        try (SiteLock lock = SiteLock.acquire(home); ZipOutputStream zip = new ZipOutputStream(out)) {
            writeFiles(home, settings.site().toString(), clock, zip);
            zip.putNextEntry(new ZipEntry(DATABASE));
            Files.copy(home.databaseBase().resolveSibling("site.mv.db"), zip);
            zip.closeEntry();
            zip.finish();
        } catch (IOException e) {
            throw new StoreException(StoreFailure.UNREADABLE_FILE, "cannot write the backup: " + e.getMessage(), e);
        }
    }

    private static void writeFiles(SiteHome home, String site, Clock clock, ZipOutputStream zip) throws IOException {
        Properties marker = new Properties();
        marker.setProperty("format", FORMAT);
        marker.setProperty("site", site);
        marker.setProperty("created", clock.instant().toString());
        zip.putNextEntry(new ZipEntry(MARKER));
        marker.store(zip, "SIPsocial site backup: restore with sipsocial restore FILE --home DIR");
        zip.closeEntry();
        for (String name : REQUIRED) {
            if (!name.equals(DATABASE)) copyFile(home.root().resolve(name), name, zip);
        }
        Path certificates = home.remoteCertificatesDirectory();
        if (Files.isDirectory(certificates)) {
            try (DirectoryStream<Path> pems = Files.newDirectoryStream(certificates, "*.pem")) {
                for (Path pem : pems) {
                    String name = "lib/certificates/" + pem.getFileName();
                    if (REMOTE_CERTIFICATE.matcher(name).matches()) copyFile(pem, name, zip);
                }
            }
        }
    }

    private static void copyFile(Path file, String name, ZipOutputStream zip) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        Files.copy(file, zip);
        zip.closeEntry();
    }

    private static void copyDatabaseFrom(Path snapshot, ZipOutputStream zip) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(snapshot))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().endsWith(".mv.db")) {
                    zip.putNextEntry(new ZipEntry(DATABASE));
                    in.transferTo(zip);
                    zip.closeEntry();
                    return;
                }
            }
        }
        throw new IOException("H2's snapshot holds no database file");
    }

    /**
     * Restores the backup {@code file} into {@code target}. A home that already holds a site is refused unless
     * {@code replace}; then it is moved aside (to the returned path) rather than deleted, and refused while a
     * process has it open. The backup is checked whole before anything is put in place.
     *
     * @return where the replaced home was moved, or {@code null}
     */
    public static Path restore(Path file, SiteHome target, boolean replace) {
        if (!Files.isRegularFile(file)) {
            throw new StoreException(StoreFailure.UNREADABLE_FILE, "no backup file at " + file);
        }
        if (target.holdsSite() && !replace) {
            throw new StoreException(StoreFailure.SITE_HOME_EXISTS, target.root() + " already holds a site; restore into "
                    + "another folder, or give --replace to move it aside and put the backup in its place");
        }
        Path root = target.root();
        Path staging = root.resolveSibling(root.getFileName() + ".restoring");
        try {
            if (!target.holdsSite() && Files.isDirectory(root) && !isEmpty(root)) {
                throw new StoreException(StoreFailure.SITE_HOME_EXISTS, root + " is not empty and holds no site; restore "
                        + "into an empty or new folder");
            }
            deleteTree(staging);
            extract(file, staging);
            if (!target.holdsSite()) {
                Files.deleteIfExists(root);
                Files.move(staging, root);
                return null;
            }
            Path aside = root.resolveSibling(root.getFileName() + ".before-restore-" + System.currentTimeMillis());
            try (SiteLock lock = SiteLock.acquire(target)) {
                // Only checks that no running site or command has it open.
            }
            Files.move(root, aside);
            Files.move(staging, root);
            return aside;
        } catch (IOException e) {
            throw new StoreException(StoreFailure.UNREADABLE_FILE, "cannot restore into " + root + ": " + e.getMessage(), e);
        } finally {
            deleteQuietlyTree(staging);
        }
    }

    /**
     * Checks that {@code file} is a whole backup, as {@link #restore} would, by unpacking it into a temporary folder
     * beside it that is removed again; returns the site it is of.
     */
    public static String check(Path file) {
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory(file.toAbsolutePath().getParent(), ".sipsocial-backup-check-");
            extract(file, scratch.resolve("home"));
            return SiteSettings.read(scratch.resolve("home").resolve("site.properties")).site().toString();
        } catch (IOException e) {
            throw new StoreException(StoreFailure.UNREADABLE_FILE, "cannot check the backup " + file + ": " + e.getMessage(), e);
        } finally {
            if (scratch != null) deleteQuietlyTree(scratch);
        }
    }

    /** Checks and unpacks the backup into the fresh folder {@code into}; refuses a file that is not a whole backup. */
    private static void extract(Path file, Path into) throws IOException {
        Files.createDirectories(into);
        List<String> found = new ArrayList<>();
        boolean marked = false;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            ZipEntry first = zip.getNextEntry();
            if (first == null || !first.getName().equals(MARKER)) {
                throw new StoreException(StoreFailure.NOT_A_BACKUP, file + " is not a SIPsocial backup (made by sipsocial backup)");
            }
            Properties marker = new Properties();
            marker.load(new java.io.ByteArrayInputStream(zip.readAllBytes()));
            if (!FORMAT.equals(marker.getProperty("format"))) {
                throw new StoreException(StoreFailure.NOT_A_BACKUP, file + " is a SIPsocial backup of format "
                        + marker.getProperty("format") + ", which this version cannot read");
            }
            marked = true;
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                String name = entry.getName();
                if (!REQUIRED.contains(name) && !REMOTE_CERTIFICATE.matcher(name).matches() || found.contains(name)) {
                    throw damaged(file, "it holds an unexpected entry " + name);
                }
                Path out = into.resolve(name);
                Files.createDirectories(out.getParent());
                Files.copy(zip, out);
                found.add(name);
            }
        } catch (java.util.zip.ZipException e) {
            throw !marked
                    ? new StoreException(StoreFailure.NOT_A_BACKUP, file + " is not a SIPsocial backup (" + e.getMessage() + ")", e)
                    : damaged(file, e.getMessage());
        } catch (java.io.EOFException e) {
            throw damaged(file, "it ends early");
        }
        for (String name : REQUIRED) {
            if (!found.contains(name)) throw damaged(file, "it lacks " + name);
        }
        // The entries were read in order with their checksums; the ZIP's central directory, at its very end, must
        // list the same ones (a file cut short after its last entry still lacks it).
        try (ZipFile directory = new ZipFile(file.toFile())) {
            List<String> listed = directory.stream().map(ZipEntry::getName).filter(name -> !name.equals(MARKER)).toList();
            if (!listed.equals(found)) throw damaged(file, "its central directory does not list its entries");
        } catch (java.util.zip.ZipException e) {
            throw damaged(file, e.getMessage());
        }
        if (!startsWithEncryptedHeader(into.resolve(DATABASE))) {
            throw damaged(file, "its database is not an encrypted H2 file");
        }
    }

    private static boolean isEmpty(Path directory) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            return !entries.iterator().hasNext();
        }
    }

    private static boolean startsWithEncryptedHeader(Path database) throws IOException {
        try (InputStream in = Files.newInputStream(database)) {
            byte[] start = in.readNBytes(ENCRYPTED_HEADER_CHECKED);
            for (int i = 0; i < ENCRYPTED_HEADER_CHECKED; i++) {
                if (start.length <= i || start[i] != ENCRYPTED_HEADER[i]) return false;
            }
            return true;
        }
    }

    private static StoreException damaged(Path file, String why) {
        return new StoreException(StoreFailure.BACKUP_DAMAGED, "the backup " + file + " is damaged: " + why);
    }

    private static void deleteQuietly(Path file) {
        if (file == null) return;
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A leftover temporary file in db/ is harmless; H2 ignores files it does not know.
        }
    }

    private static void deleteQuietlyTree(Path root) {
        try {
            deleteTree(root);
        } catch (IOException | UncheckedIOException ignored) {
            // Best effort: a half-restored staging folder beside the home is reported by the next restore's retry.
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
