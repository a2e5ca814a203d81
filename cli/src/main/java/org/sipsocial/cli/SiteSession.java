package org.sipsocial.cli;

import org.sipsocial.store.SiteAdministration;
import org.sipsocial.store.SiteStore;
import org.sipsocial.store.SiteSummary;

/**
 * A site as one command reaches it: its administration, its summary, and the store to close when the command
 * is done (none when the command talks to the running site).
 */
final class SiteSession implements AutoCloseable {
    private final SiteAdministration administration;
    private final SiteSummary summary;
    private final SiteStore openedStore;

    SiteSession(SiteAdministration administration, SiteSummary summary, SiteStore openedStore) {
        this.administration = administration;
        this.summary = summary;
        this.openedStore = openedStore;
    }

    SiteAdministration administration() {
        return administration;
    }

    /** The site's name as it reads in its users' addresses. */
    String siteName() {
        return summary.site().toString();
    }

    @Override
    public void close() {
        if (openedStore != null) {
            openedStore.close();
        }
    }
}
