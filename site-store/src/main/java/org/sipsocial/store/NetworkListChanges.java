package org.sipsocial.store;

import org.sipsocial.identity.SiteName;

/**
 * Told of each change to the Network Connection list once it is stored, so that a running site acts on it at
 * once: the link manager drops the link of a removed site and forgets its certificate, and reconnects to a
 * moved one, without disturbing the other links. Called on the thread that made the change.
 */
public interface NetworkListChanges {
    /** Nobody listens (a stopped site). */
    NetworkListChanges NONE = new NetworkListChanges() {
    };

    default void onSiteAdded(RemoteSite site) {
    }

    default void onSiteRemoved(SiteName site) {
    }

    default void onAddressChanged(RemoteSite site) {
    }
}
