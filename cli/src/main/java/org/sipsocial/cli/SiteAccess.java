package org.sipsocial.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;

import org.sipsocial.store.AdminToken;
import org.sipsocial.store.Passphrase;
import org.sipsocial.store.SiteHome;
import org.sipsocial.store.SiteSettings;
import org.sipsocial.store.SiteStore;
import org.sipsocial.store.StoreAdministration;

/**
 * The one way a command reaches a site's administration. While the site runs, it has written its admin token
 * to {@link SiteHome#adminTokenFile()} and answers on {@code 127.0.0.1:<admin-port>}: the command goes through
 * the admin API and needs no passphrase, since only the site's owner can read the token. Otherwise the command
 * opens the store itself with the passphrase, which a running site refuses (it holds the site lock).
 */
final class SiteAccess {
    /** Where a running site's admin API listens, whatever the bind address of its SIP listeners. */
    static final InetAddress ADMIN_ADDRESS = loopback();

    private SiteAccess() {
    }

    static SiteSession open(HomeOption homeOption, PassphraseOption passphrase, CliContext context) {
        SiteHome home = homeOption.home().requireSite();
        Optional<SiteSession> running = running(home);
        if (running.isPresent()) {
            return running.get();
        }
        try (Passphrase secret = passphrase.read(context)) {
            SiteStore store = SiteStore.open(home, secret, context.clock());
            try {
                StoreAdministration administration = new StoreAdministration(store, context.random());
                return new SiteSession(administration, administration.summary(), store);
            } catch (RuntimeException e) {
                store.close();
                throw e;
            }
        }
    }

    /**
     * The running site, for the commands that only a running site can serve (its links); a stopped site is
     * refused with {@link org.sipsocial.store.StoreFailure#SITE_NOT_RUNNING}, without asking for a passphrase.
     */
    static SiteSession openRunning(HomeOption homeOption) {
        SiteHome home = homeOption.home().requireSite();
        return running(home).orElseThrow(() -> StoreAdministration.notRunning(home));
    }

    /** The running site, when it left its token and its admin API answers. */
    static Optional<SiteSession> running(SiteHome home) {
        Optional<AdminToken> token = AdminToken.read(home.adminTokenFile());
        if (token.isEmpty()) {
            return Optional.empty();
        }
        int port = SiteSettings.read(home.settingsFile()).adminPort();
        AdminClient client = new AdminClient(new InetSocketAddress(ADMIN_ADDRESS, port), token.get());
        return client.probe().map(summary -> new SiteSession(client, summary, null));
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
