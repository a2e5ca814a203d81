package org.sipsocial.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.sipsocial.identity.PemCertificates;
import org.sipsocial.identity.SiteName;

/**
 * The copy of each pinned certificate in {@code <home>/lib/certificates/<name in lower case>.pem}, for
 * administrators to look at, as the original product kept them. The database is the source of truth; this
 * folder mirrors it. Each file is written whole or not at all (a temporary file moved into place).
 */
public final class RemoteCertificateFiles {
    private final Path directory;

    public RemoteCertificateFiles(SiteHome home) {
        this.directory = home.remoteCertificatesDirectory();
    }

    public Path fileOf(SiteName site) {
        return directory.resolve(site.key() + ".pem");
    }

    public void write(RemoteSite site) {
        Path file = fileOf(site.name());
        Path temporary = null;
        try {
            Files.createDirectories(directory);
            temporary = Files.createTempFile(directory, "." + site.name().key(), ".tmp");
            Files.writeString(temporary, PemCertificates.write(site.certificate()), StandardCharsets.US_ASCII);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            StoreException failure = new StoreException(StoreFailure.STORE_DAMAGED,
                    "cannot write " + file + ": " + e.getMessage(), e);
            deleteAfterFailure(temporary, failure);
            throw failure;
        }
    }

    public void delete(SiteName site) {
        Path file = fileOf(site);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new StoreException(StoreFailure.STORE_DAMAGED, site + " is off the list, but its certificate file "
                    + file + " cannot be deleted: " + e.getMessage(), e);
        }
    }

    private static void deleteAfterFailure(Path temporary, StoreException failure) {
        if (temporary != null) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }
}
