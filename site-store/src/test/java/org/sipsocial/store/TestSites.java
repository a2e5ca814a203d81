package org.sipsocial.store;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

import org.sipsocial.identity.SiteName;

/** Sets up sites for the store's tests, with a cheap Argon2id cost. */
final class TestSites {
    static final String PASSPHRASE = "correct horse battery staple";

    private TestSites() {
    }

    static Passphrase passphrase() {
        return Passphrase.of(PASSPHRASE.toCharArray());
    }

    static SiteHome create(Path root, String site) {
        SiteHome home = new SiteHome(root);
        try (Passphrase passphrase = passphrase()) {
            new SiteSetup(Clock.systemUTC(), new SecureRandom(), Argon2idCost.FOR_TESTS)
                    .create(home, SiteSettings.withDefaults(SiteName.of(site)), passphrase);
        }
        return home;
    }

    static SiteStore open(SiteHome home) {
        try (Passphrase passphrase = passphrase()) {
            return SiteStore.open(home, passphrase, Clock.systemUTC());
        }
    }
}
