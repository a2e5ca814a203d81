package org.sipsocial.store;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import org.sipsocial.identity.Fingerprint;
import org.sipsocial.identity.SiteName;

/**
 * Every administrative action on a site, one method each, called alike by the CLI, the admin API and the web
 * console. Over an opened store it is {@link StoreAdministration}; over the admin API of a running site it is
 * the CLI's client. The actions on the Network Connection list (remote sites) take effect at once on a running
 * site, without a restart and without disturbing the other links.
 *
 * <p>Failures are {@link StoreException}s with their {@link StoreFailure reason}, whichever side they come
 * from. Passwords go in and come out as characters: the callee wipes what it is given, the caller wipes what
 * it gets back.
 */
public interface SiteAdministration {

    /** The site's name and its certificate's fingerprint. */
    SiteSummary summary();

    /**
     * Sets the administrator's console password (at least {@link AdminPasswordHash#MIN_LENGTH} characters),
     * replacing any before it; only its Argon2id hash is kept. The callee wipes {@code password}.
     */
    void setAdminPassword(char[] password);

    /** Every user, in the order of their names ignoring case. */
    List<User> users();

    /**
     * Adds the user {@code name}, with the given password or, when none is given, a strong one generated for
     * it, which is returned (to show once).
     */
    default UserAdded addUser(UserName name, Optional<char[]> password) {
        return addUser(name, password, true);
    }

    /** Adds the user {@code name} as above, listed in the directory that connected sites see or not. */
    UserAdded addUser(UserName name, Optional<char[]> password, boolean listed);

    /** Lists or unlists the user {@code name} in the directory that connected sites see. */
    void setListed(UserName name, boolean listed);

    void removeUser(UserName name);

    /** Sets a new password: the given one, or a generated one, which is returned. */
    Optional<char[]> changePassword(UserName name, Optional<char[]> password);

    /**
     * Adds the remote site {@code name}, reached at {@code address}, and pins {@code certificate} for that name
     * only. {@code confirmedFingerprint} is the fingerprint the administrator confirmed (what the other
     * administrator read out): a certificate with another one is refused. So is a certificate that does not name
     * the site, is not valid now, is this site's own or is already pinned for another name, and a name that is
     * this site's own or already on the list.
     */
    RemoteSite addSite(SiteName name, SiteAddress address, X509Certificate certificate, Fingerprint confirmedFingerprint);

    /** The Network Connection list with each link's status, in the order of the names ignoring case. */
    List<ListedSite> sites();

    ListedSite site(SiteName name);

    /** Removes the site: its link is dropped at once and its certificate forgotten. */
    void removeSite(SiteName name);

    /** Moves the site to {@code address}; its link, if any, is remade there. */
    RemoteSite setSiteAddress(SiteName name, SiteAddress address);

    /**
     * Connect: the link with {@code name} is made and kept up until either side disconnects, and again after a
     * restart of this site. Only a running site links; a stopped one refuses with
     * {@link StoreFailure#SITE_NOT_RUNNING}.
     *
     * @return the link's status right after the request
     */
    SiteLink connect(SiteName name);

    /** Disconnect: the link with {@code name} goes down on both sides, and stays down after a restart. */
    SiteLink disconnect(SiteName name);

    /** The status of the link with {@code name}; {@link StoreFailure#SITE_NOT_RUNNING} on a stopped site. */
    SiteLink status(SiteName name);

    /** The status of every link, the addresses this site is seen from, and refused callers. */
    NetworkStatus status();

    /**
     * What the connected sites publish: the AORs of their listed users, by site name and then user name ignoring
     * case; {@link StoreFailure#SITE_NOT_RUNNING} on a stopped site.
     */
    List<DirectoryEntry> directory();

    /**
     * What the site is doing now: registered phones, calls in progress, the links' round trips (the console's
     * Live page); {@link StoreFailure#SITE_NOT_RUNNING} on a stopped site.
     */
    default SiteActivity activity() {
        throw new StoreException(StoreFailure.SITE_NOT_RUNNING, "the site is not running: nothing is live");
    }

    /**
     * Writes a backup of the site home to {@code out} (see {@link SiteBackup}): consistent while the site runs, and
     * still encrypted. {@code out} is closed when done.
     */
    void backup(java.io.OutputStream out);
}
