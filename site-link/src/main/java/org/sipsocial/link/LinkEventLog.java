package org.sipsocial.link;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * What happened to a site's links lately, for its administrator: one plain line per event with its time (the last
 * {@value #EVENTS_KEPT}), and the inbound connections refused during the handshake (the last
 * {@value #REFUSALS_KEPT}), oldest first. On the link thread.
 */
final class LinkEventLog {
    /** How many inbound refusals {@link #refusals()} keeps. */
    static final int REFUSALS_KEPT = 32;
    /** How many events {@link #lines()} keeps. */
    static final int EVENTS_KEPT = 32;
    private static final DateTimeFormatter EVENT_TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final Deque<LinkError> refusals = new ArrayDeque<>();
    private final Deque<String> lines = new ArrayDeque<>();

    LinkEventLog(Clock clock) {
        this.clock = clock;
    }

    /** Keeps one event line, stamped with the time. */
    void note(String what) {
        lines.addLast(EVENT_TIME.format(clock.instant()) + " " + what);
        while (lines.size() > EVENTS_KEPT) lines.removeFirst();
    }

    /** Keeps an inbound refusal, and its line as an event. */
    void refused(LinkError error) {
        refusals.addLast(error);
        note(error.line());
        while (refusals.size() > REFUSALS_KEPT) refusals.removeFirst();
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    List<LinkError> refusals() {
        return List.copyOf(refusals);
    }
}
