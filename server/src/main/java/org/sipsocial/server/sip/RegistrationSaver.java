package org.sipsocial.server.sip;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.sipsocial.routing.registrar.BindingPersister;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves the registrar's changes on a thread of its own, every {@link #INTERVAL_MS} ms (issue 16: a kill -9 loses at
 * most the registrations of the last half second). Never on the SIP timers' thread: a slow disk must not delay a
 * retransmission, and a burst of timers must not delay a save.
 *
 * <p>When the store refuses a save (a full disk, a read-only home), the site keeps answering from memory; the
 * failure is logged once, with what to do, and counted ({@code sipsocial_registrations_save_failures_total}); the
 * changes stay pending ({@code sipsocial_registrations_unsaved_aors}) and are written once the disk takes them,
 * which is logged too.
 */
final class RegistrationSaver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RegistrationSaver.class);
    static final long INTERVAL_MS = 250;

    private final BindingPersister persister;
    private final ScheduledExecutorService thread;
    private final Counter failures;
    private final AtomicBoolean failing = new AtomicBoolean();

    private RegistrationSaver(BindingPersister persister, MeterRegistry metrics) {
        this.persister = persister;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread saver = new Thread(runnable, "registration-saver");
            saver.setDaemon(true);
            return saver;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.thread = executor;
        this.failures = Counter.builder("sipsocial.registrations.save.failures")
                .description("saves of registrations the store refused (full disk, read-only home); retried").register(metrics);
        Gauge.builder("sipsocial.registrations.unsaved.aors", persister, BindingPersister::unsaved)
                .description("addresses of record whose registrations changed and are not saved yet").register(metrics);
    }

    static RegistrationSaver start(BindingPersister persister, MeterRegistry metrics) {
        RegistrationSaver saver = new RegistrationSaver(persister, metrics);
        saver.thread.scheduleAtFixedRate(saver::save, INTERVAL_MS, INTERVAL_MS, TimeUnit.MILLISECONDS);
        return saver;
    }

    /** One save; returns whether it succeeded (also when there was nothing to save). */
    boolean save() {
        try {
            persister.flush();
        } catch (RuntimeException e) {
            failures.increment();
            if (failing.compareAndSet(false, true)) {
                LOG.error("cannot save registrations: {}; the site keeps serving its phones from memory and tries again "
                        + "every {} ms (is the disk of the site home full or read-only?)", e.getMessage(), INTERVAL_MS);
            }
            return false;
        }
        if (failing.compareAndSet(true, false)) {
            LOG.info("registrations are saved again");
        }
        return true;
    }

    /** Stops the periodic saves and makes a last one. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        save();
    }
}
