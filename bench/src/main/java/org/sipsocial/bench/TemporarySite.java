package org.sipsocial.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Stream;

import org.sipsocial.identity.SiteName;
import org.sipsocial.store.Argon2idCost;
import org.sipsocial.store.Passphrase;
import org.sipsocial.store.SiteHome;
import org.sipsocial.store.SiteSettings;
import org.sipsocial.store.SiteSetup;
import org.sipsocial.store.SiteStore;

/** A site set up in a temporary folder for a benchmark, its store open; closing it deletes the folder. */
final class TemporarySite implements AutoCloseable {
    private static final String PASSPHRASE = "benchmark site passphrase";

    private final Path root;
    private final SiteStore store;

    private TemporarySite(Path root, SiteStore store) {
        this.root = root;
        this.store = store;
    }

    static TemporarySite create(String site) throws IOException {
        Path root = Files.createTempDirectory("sipsocial-bench");
        SiteHome home = new SiteHome(root.resolve("site"));
        new SiteSetup(Clock.systemUTC(), new SecureRandom(), Argon2idCost.FOR_TESTS)
                .create(home, SiteSettings.withDefaults(SiteName.of(site)), Passphrase.of(PASSPHRASE.toCharArray()));
        return new TemporarySite(root, SiteStore.open(home, Passphrase.of(PASSPHRASE.toCharArray()), Clock.systemUTC()));
    }

    SiteStore store() {
        return store;
    }

    @Override
    public void close() throws IOException {
        store.close();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        }
    }
}
