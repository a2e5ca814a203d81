package org.sipsocial.store;

import java.util.List;
import java.util.Optional;

/**
 * Every administrative action on a site, one method each, called alike by the CLI, the admin API and the web
 * console. Over an opened store it is {@link StoreAdministration}; over the admin API of a running site it is
 * the CLI's client. The actions on the Network Connection list (remote sites) join this interface when they
 * arrive.
 *
 * <p>Failures are {@link StoreException}s with their {@link StoreFailure reason}, whichever side they come
 * from. Passwords go in and come out as characters: the callee wipes what it is given, the caller wipes what
 * it gets back.
 */
public interface SiteAdministration {

    /** The site's name and its certificate's fingerprint. */
    SiteSummary summary();

    /** Every user, in the order of their names ignoring case. */
    List<User> users();

    /**
     * Adds the user {@code name}, with the given password or, when none is given, a strong one generated for
     * it, which is returned (to show once).
     */
    UserAdded addUser(UserName name, Optional<char[]> password);

    void removeUser(UserName name);

    /** Sets a new password: the given one, or a generated one, which is returned. */
    Optional<char[]> changePassword(UserName name, Optional<char[]> password);
}
