package org.sipsocial.admin;

/**
 * The running site's metrics in the Prometheus text format (for example from a Micrometer
 * {@code PrometheusMeterRegistry}): authentication failures and blocks, transport connections and refusals.
 */
@FunctionalInterface
public interface SiteMetrics {
    /** Nothing to report: a site that does not run (or a test) has no metrics. */
    SiteMetrics NONE = () -> "";

    String scrape();
}
