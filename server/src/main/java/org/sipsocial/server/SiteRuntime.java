package org.sipsocial.server;

import java.security.SecureRandom;
import java.time.Clock;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.sipsocial.admin.AdminEndpoint;
import org.sipsocial.server.sip.SipService;
import org.sipsocial.store.SiteStore;
import org.sipsocial.store.StoreAdministration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running site: what {@code run} starts and SIGTERM stops. It owns the opened store (and with it the site
 * lock, so a second {@code run} on the same home is refused), the SIP service for the site's phones, and the
 * admin API through which the CLI acts on the running site and which serves its metrics
 * ({@code /api/v1/metrics}, Prometheus text).
 */
public final class SiteRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(SiteRuntime.class);

    private final SiteStore store;
    private final SipService sip;
    private final AdminEndpoint admin;

    private SiteRuntime(SiteStore store, SipService sip, AdminEndpoint admin) {
        this.store = store;
        this.sip = sip;
        this.admin = admin;
    }

    public static SiteRuntime start(SiteStore store, SecureRandom random) {
        LOG.info("site {} is starting from {}", store.settings().site(), store.home().root());
        LOG.info("site certificate fingerprint {}", store.identity().fingerprint().opensslLine());
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        SipService sip;
        try {
            sip = SipService.start(store, metrics, Clock.systemUTC());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        AdminEndpoint admin;
        try {
            // Last to start, first to stop: the token file appears only once the site serves what it allows.
            admin = AdminEndpoint.start(store.home(), store.settings(),
                    new RunningSiteAdministration(new StoreAdministration(store, random), sip.location()), metrics::scrape,
                    random);
        } catch (RuntimeException e) {
            try {
                sip.close();
            } finally {
                store.close();
            }
            throw e;
        }
        LOG.info("site {} is running with {} users", store.settings().site(), store.users().list().size());
        return new SiteRuntime(store, sip, admin);
    }

    public SipService sip() {
        return sip;
    }

    public void stop() {
        LOG.info("site {} is stopping", store.settings().site());
        try {
            admin.close(); // deletes <home>/admin.token, then stops the admin API
        } finally {
            try {
                sip.close();
            } finally {
                store.close();
            }
        }
        LOG.info("site {} stopped", store.settings().site());
    }
}
