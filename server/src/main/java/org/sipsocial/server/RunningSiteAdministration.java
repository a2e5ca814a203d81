package org.sipsocial.server;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import org.sipsocial.identity.Fingerprint;
import org.sipsocial.identity.SiteName;
import org.sipsocial.routing.registrar.LocationService;
import org.sipsocial.server.link.LinkManager;
import org.sipsocial.store.DirectoryEntry;
import org.sipsocial.store.ListedSite;
import org.sipsocial.store.NetworkStatus;
import org.sipsocial.store.RemoteSite;
import org.sipsocial.store.SiteAddress;
import org.sipsocial.store.SiteActivity;
import org.sipsocial.store.SiteAdministration;
import org.sipsocial.store.SiteLink;
import org.sipsocial.store.SiteSummary;
import org.sipsocial.store.User;
import org.sipsocial.store.UserAdded;
import org.sipsocial.store.UserName;

/**
 * The administration of a running site: the store's, plus what a change means to the live site. A removed
 * user's registrations go with it at once, so nothing is routed to its phones any more. Changes to the Network
 * Connection list reach the link manager through the store's
 * {@link org.sipsocial.store.NetworkListChanges listener}, so they pass straight through here. Connect,
 * Disconnect and status go to the link manager, for sites on the list only: a name that is not there is refused
 * as {@link org.sipsocial.store.StoreFailure#NO_SUCH_SITE}, as every other action on a site is. A user added,
 * removed, listed or unlisted changes the directory the links publish to connected sites at once.
 */
final class RunningSiteAdministration implements SiteAdministration {
    private final SiteAdministration store;
    private final LocationService location;
    private final LinkManager links;
    private final java.util.function.Supplier<List<String>> blockedSources;
    private final java.util.function.Supplier<SiteActivity> activity;

    /**
     * @param blockedSources one line per SIP source blocked now (flood limits), shown with the refused callers
     * @param activity       what the site is doing now (the console's Live page)
     */
    RunningSiteAdministration(SiteAdministration store, LocationService location, LinkManager links,
            java.util.function.Supplier<List<String>> blockedSources, java.util.function.Supplier<SiteActivity> activity) {
        this.store = store;
        this.location = location;
        this.links = links;
        this.blockedSources = blockedSources;
        this.activity = activity;
    }

    @Override
    public SiteSummary summary() {
        return store.summary();
    }

    @Override
    public void setAdminPassword(char[] password) {
        store.setAdminPassword(password);
    }

    @Override
    public List<User> users() {
        return store.users();
    }

    @Override
    public UserAdded addUser(UserName name, Optional<char[]> password, boolean listed) {
        UserAdded added = store.addUser(name, password, listed);
        if (listed) links.directoryChanged();
        return added;
    }

    @Override
    public void setListed(UserName name, boolean listed) {
        store.setListed(name, listed);
        links.directoryChanged();
    }

    @Override
    public void removeUser(UserName name) {
        store.removeUser(name);
        location.remove(name.key());
        links.directoryChanged();
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

    @Override
    public SiteLink connect(SiteName name) {
        return links.connect(listed(name));
    }

    @Override
    public SiteLink disconnect(SiteName name) {
        return links.disconnect(listed(name));
    }

    @Override
    public SiteLink status(SiteName name) {
        ListedSite listed = store.site(name);
        return new SiteLink(listed.site().name(), listed.linkStatus());
    }

    @Override
    public NetworkStatus status() {
        List<SiteLink> all = store.sites().stream().map(l -> new SiteLink(l.site().name(), l.linkStatus())).toList();
        List<String> refusals = new java.util.ArrayList<>(links.refusals());
        refusals.addAll(blockedSources.get());
        return new NetworkStatus(all, links.seenFrom(), refusals, links.events(), links.portMapping().line(),
                links.nat().line());
    }

    @Override
    public List<DirectoryEntry> directory() {
        return links.directory();
    }

    @Override
    public SiteActivity activity() {
        return activity.get();
    }

    @Override
    public void backup(java.io.OutputStream out) {
        store.backup(out);
    }

    /** The site's name as the list spells it, or {@link org.sipsocial.store.StoreFailure#NO_SUCH_SITE}. */
    private SiteName listed(SiteName name) {
        return store.site(name).site().name();
    }
}
