package org.sipsocial.admin.console;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.sipsocial.store.SiteAdministration;
import org.sipsocial.store.StoreException;
import org.sipsocial.store.StoreFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one sample of the site's activity into the {@link LiveHistory} at start and then every
 * {@link LiveHistory#EVERY}, on a thread of its own, whether or not anyone looks at the Live page: the charts show
 * the hour before the administrator opened it. A stopped site has no activity, and nothing is sampled.
 */
final class LiveSampler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveSampler.class);

    private final SiteAdministration administration;
    private final LiveHistory history;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "console-live-sampler");
        thread.setDaemon(true);
        return thread;
    });

    LiveSampler(SiteAdministration administration, LiveHistory history, Duration every) {
        this.administration = administration;
        this.history = history;
        timer.scheduleAtFixedRate(this::sample, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    void sample() {
        try {
            history.record(administration.activity());
        } catch (StoreException e) {
            if (e.reason() != StoreFailure.SITE_NOT_RUNNING) {
                LOG.warn("the Live page's charts missed a sample: {}", e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.warn("the Live page's charts missed a sample", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
