package org.sipsocial.store;

import org.sipsocial.identity.SiteName;

/** The link with one remote site as {@code sipsocial status NAME} shows it: the site and its one status line. */
public record SiteLink(SiteName site, LinkStatus status) {
    @Override
    public String toString() {
        return site + ": " + status;
    }
}
