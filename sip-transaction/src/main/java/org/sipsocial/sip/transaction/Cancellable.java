package org.sipsocial.sip.transaction;

/** A scheduled timer that can be stopped before it fires. */
@FunctionalInterface
public interface Cancellable {
    /** Stops the timer; nothing happens when it already fired. */
    void cancel();
}
