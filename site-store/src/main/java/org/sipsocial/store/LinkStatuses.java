package org.sipsocial.store;

import org.sipsocial.identity.SiteName;

/** Where the status of each link comes from: the link manager of a running site. */
@FunctionalInterface
public interface LinkStatuses {
    /** No link manager (a stopped site): no site is linked. */
    LinkStatuses NONE = site -> LinkStatus.DISCONNECTED;

    LinkStatus statusOf(SiteName site);
}
