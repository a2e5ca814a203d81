package org.sipsocial.server;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import org.sipsocial.identity.Fingerprint;
import org.sipsocial.identity.SiteName;
import org.sipsocial.routing.registrar.LocationService;
import org.sipsocial.store.ListedSite;
import org.sipsocial.store.RemoteSite;
import org.sipsocial.store.SiteAddress;
import org.sipsocial.store.SiteAdministration;
import org.sipsocial.store.SiteSummary;
import org.sipsocial.store.User;
import org.sipsocial.store.UserAdded;
import org.sipsocial.store.UserName;

/**
 * The administration of a running site: the store's, plus what a change means to the live site. A removed
 * user's registrations go with it at once, so nothing is routed to its phones any more. Changes to the Network
 * Connection list reach the link manager through the store's
 * {@link org.sipsocial.store.NetworkListChanges listener}, so they pass straight through here.
 */
final class RunningSiteAdministration implements SiteAdministration {
    private final SiteAdministration store;
    private final LocationService location;

    RunningSiteAdministration(SiteAdministration store, LocationService location) {
        this.store = store;
        this.location = location;
    }

    @Override
    public SiteSummary summary() {
        return store.summary();
    }

    @Override
    public List<User> users() {
        return store.users();
    }

    @Override
    public UserAdded addUser(UserName name, Optional<char[]> password) {
        return store.addUser(name, password);
    }

    @Override
    public void removeUser(UserName name) {
        store.removeUser(name);
        location.remove(name.key());
    }

    @Override
    public Optional<char[]> changePassword(UserName name, Optional<char[]> password) {
        return store.changePassword(name, password);
    }

    @Override
    public RemoteSite addSite(SiteName name, SiteAddress address, X509Certificate certificate, Fingerprint confirmedFingerprint) {
        return store.addSite(name, address, certificate, confirmedFingerprint);
    }

    @Override
    public List<ListedSite> sites() {
        return store.sites();
    }

    @Override
    public ListedSite site(SiteName name) {
        return store.site(name);
    }

    @Override
    public void removeSite(SiteName name) {
        store.removeSite(name);
    }

    @Override
    public RemoteSite setSiteAddress(SiteName name, SiteAddress address) {
        return store.setSiteAddress(name, address);
    }
}
