package org.sipsocial.link;

import java.time.Duration;

/** Time for the link state machines, injected so that tests move it by hand. */
public interface LinkScheduler {
    /** A task that can be cancelled before it runs. */
    interface Timer {
        void cancel();
    }

    /** Runs {@code task} after {@code delay}, on the thread that runs the state machines. */
    Timer schedule(Duration delay, Runnable task);
}
