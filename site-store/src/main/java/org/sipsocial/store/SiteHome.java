package org.sipsocial.store;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one folder that holds everything a site owns.
 *
 * <pre>
 * site.properties           the site's name, bind address and ports (public facts, in the clear)
 * site-certificate.pem      the site's own certificate (public)
 * keys/data-key.wrapped     the random data key, wrapped by a key derived from the passphrase (Argon2id)
 * keys/site.p12             the site's private key and certificate, PKCS#12, encrypted under the data key
 * db/site.mv.db             the H2 database, AES-encrypted under the data key
 * lib/certificates/         certificates of remote sites, one PEM per site (as in the original product)
 * site.lock                 locked while a process has the site open
 * admin.token               while the site runs: the bearer token of its admin API, readable by its owner only
 * </pre>
 */
public record SiteHome(Path root) {

    public SiteHome {
        root = root.toAbsolutePath().normalize();
    }

    public Path settingsFile() {
        return root.resolve("site.properties");
    }

    public Path certificateFile() {
        return root.resolve("site-certificate.pem");
    }

    public Path keysDirectory() {
        return root.resolve("keys");
    }

    public Path wrappedDataKeyFile() {
        return keysDirectory().resolve("data-key.wrapped");
    }

    public Path keystoreFile() {
        return keysDirectory().resolve("site.p12");
    }

    public Path databaseDirectory() {
        return root.resolve("db");
    }

    /** The H2 database path without its {@code .mv.db} suffix, as H2's URL wants it. */
    public Path databaseBase() {
        return databaseDirectory().resolve("site");
    }

    public Path lockFile() {
        return root.resolve("site.lock");
    }

    /** Written by the running site, deleted when it stops: whoever can read it may administer the site. */
    public Path adminTokenFile() {
        return root.resolve("admin.token");
    }

    public Path remoteCertificatesDirectory() {
        return root.resolve("lib").resolve("certificates");
    }

    /** Whether a site has been set up here: its settings file is the last thing {@code init} puts in place. */
    public boolean holdsSite() {
        return Files.isRegularFile(settingsFile()) && Files.isRegularFile(wrappedDataKeyFile());
    }

    /** Refuses unless a site has been set up here. */
    public SiteHome requireSite() {
        if (!Files.isDirectory(root)) {
            throw new StoreException(StoreFailure.NO_SITE_HOME, "no site home at " + root
                    + " (set one up with: sipsocial init --home " + root + " --site NAME)");
        }
        if (!holdsSite()) {
            throw new StoreException(StoreFailure.NO_SITE_HOME, root + " is not a site home (no site.properties)");
        }
        return this;
    }
}
