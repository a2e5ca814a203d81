package org.sipsocial.store;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.sipsocial.identity.Fingerprint;
import org.sipsocial.identity.SiteName;

/**
 * The site's administration over its opened store: what a running site serves on its admin API, and what the
 * CLI uses while the site is stopped. It does not own the store: whoever opened it closes it. A running site
 * gives it its link manager, which hears of each change to the Network Connection list and reports the links'
 * status.
 */
public final class StoreAdministration implements SiteAdministration {
    private final SiteStore store;
    private final SecureRandom random;
    private final NetworkList networkList;

    /** For a site with no links (a stopped one). */
    public StoreAdministration(SiteStore store, SecureRandom random) {
        this(store, random, NetworkListChanges.NONE, LinkStatuses.NONE);
    }

    public StoreAdministration(SiteStore store, SecureRandom random, NetworkListChanges changes, LinkStatuses statuses) {
        this.store = store;
        this.random = random;
        this.networkList = new NetworkList(store.identity(), store.remoteSites(), new RemoteCertificateFiles(store.home()),
                store.clock(), changes, statuses);
    }

    @Override
    public SiteSummary summary() {
        return new SiteSummary(store.settings().site(), store.identity().fingerprint());
    }

    @Override
    public void setAdminPassword(char[] password) {
        try {
            store.adminPasswords().set(AdminPasswordHash.of(password, random));
        } finally {
            wipe(password);
        }
    }

    @Override
    public List<User> users() {
        return store.users().list();
    }

    @Override
    public UserAdded addUser(UserName name, Optional<char[]> password, boolean listed) {
        char[] generated = password.isPresent() ? null : SitePassword.generate(random);
        try {
            User user = store.users().add(name, chosen(password, generated), listed);
            return new UserAdded(user, Optional.ofNullable(generated));
        } catch (RuntimeException e) {
            wipe(generated);
            throw e;
        }
    }

    @Override
    public void setListed(UserName name, boolean listed) {
        store.users().setListed(name, listed);
    }

    @Override
    public void removeUser(UserName name) {
        store.users().remove(name);
    }

    @Override
    public Optional<char[]> changePassword(UserName name, Optional<char[]> password) {
        char[] generated = password.isPresent() ? null : SitePassword.generate(random);
        try {
            store.users().changePassword(name, chosen(password, generated));
            return Optional.ofNullable(generated);
        } catch (RuntimeException e) {
            wipe(generated);
            throw e;
        }
    }

    @Override
    public RemoteSite addSite(SiteName name, SiteAddress address, X509Certificate certificate, Fingerprint confirmedFingerprint) {
        return networkList.add(name, address, certificate, confirmedFingerprint);
    }

    @Override
    public List<ListedSite> sites() {
        return networkList.list();
    }

    @Override
    public ListedSite site(SiteName name) {
        return networkList.show(name);
    }

    @Override
    public void removeSite(SiteName name) {
        networkList.remove(name);
    }

    @Override
    public RemoteSite setSiteAddress(SiteName name, SiteAddress address) {
        return networkList.setAddress(name, address);
    }

    @Override
    public SiteLink connect(SiteName name) {
        throw notRunning();
    }

    @Override
    public SiteLink disconnect(SiteName name) {
        throw notRunning();
    }

    @Override
    public SiteLink status(SiteName name) {
        throw notRunning();
    }

    @Override
    public NetworkStatus status() {
        throw notRunning();
    }

    /** The directory lives in the running site's links only. */
    @Override
    public List<DirectoryEntry> directory() {
        throw notRunning();
    }

    @Override
    public SiteActivity activity() {
        throw notRunning();
    }

    /** Links live in a running site only: this administration serves a stopped one, or one without links. */
    private StoreException notRunning() {
        return notRunning(store.home());
    }

    /** The one line that says a link action needs the site running, and how to start it. */
    public static StoreException notRunning(SiteHome home) {
        return new StoreException(StoreFailure.SITE_NOT_RUNNING,
                "the site is not running: start it with sipsocial run --home " + home.root());
    }

    /** The password to store, which {@link Users} wipes: the given one, or a copy of the generated one. */
    private static char[] chosen(Optional<char[]> given, char[] generated) {
        return given.isPresent() ? given.get() : generated.clone();
    }

    private static void wipe(char[] secret) {
        if (secret != null) {
            Arrays.fill(secret, '\0');
        }
    }

    @Override
    public void backup(java.io.OutputStream out) {
        SiteBackup.write(store, out);
    }
}
