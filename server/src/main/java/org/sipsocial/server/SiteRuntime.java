package org.sipsocial.server;

import org.sipsocial.store.SiteStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running site: what {@code run} starts and SIGTERM stops. It owns the opened store (and with it the site
 * lock, so a second {@code run} on the same home is refused) and, as they arrive, the SIP listeners,
 * the registrar and proxy, and the links to other sites.
 */
public final class SiteRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(SiteRuntime.class);

    private final SiteStore store;

    private SiteRuntime(SiteStore store) {
        this.store = store;
    }

    public static SiteRuntime start(SiteStore store) {
        LOG.info("site {} is running from {}", store.settings().site(), store.home().root());
        LOG.info("site certificate fingerprint {}", store.identity().fingerprint().opensslLine());
        LOG.info("{} users", store.users().list().size());
        return new SiteRuntime(store);
    }

    public void stop() {
        LOG.info("site {} is stopping", store.settings().site());
        store.close();
        LOG.info("site {} stopped", store.settings().site());
    }
}
