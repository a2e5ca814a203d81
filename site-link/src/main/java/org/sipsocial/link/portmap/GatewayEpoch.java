package org.sipsocial.link.portmap;

import java.time.Clock;

/**
 * The router's epoch as its PCP or NAT-PMP responses give it, and whether the next one shows that the router lost
 * its mappings (a reboot, a power cut, a cleared table). Every response of both protocols carries the seconds the
 * server has kept its state: PCP's Epoch Time (RFC 6887 §7.2), NAT-PMP's Seconds Since Start of Epoch (RFC 6886
 * §3.2, §3.3); a server that loses its mappings starts counting from zero again.
 *
 * <ul>
 * <li>PCP, RFC 6887 §8.5: the first response is valid; a server time that went back by more than one second is
 * invalid; otherwise, with {@code client_delta} the seconds this machine counted since the previous response and
 * {@code server_delta} those the server counted, the epoch is invalid when {@code client_delta + 2 < server_delta -
 * server_delta/16} or {@code server_delta + 2 < client_delta - client_delta/16} (the 2 for each clock's one-second
 * grain, the sixteenth for cheap clocks). Either way the client then records both times for the next comparison.
 * <li>NAT-PMP, RFC 6886 §3.6: the client's conservative estimate is the previous Seconds Since Start of Epoch plus
 * 7/8 of the time elapsed here since it was received; a value less than that estimate by more than 2 seconds means
 * the gateway lost its port mapping state.
 * </ul>
 *
 * <p>Each observation is compared only with the previous one of the same protocol: a router's PCP and NAT-PMP
 * servers need not share an epoch. Within a round of requests, which maps everything anew, an epoch that shows lost
 * state after an earlier answer of the round means that what that answer mapped is lost: the round must run again
 * ({@link #roundLost()}). Time is the injected {@link Clock}. Not thread-safe: the {@link PortMapper} that
 * owns it calls it under its lock.
 */
final class GatewayEpoch {
    /** One protocol's previous response: the server's epoch and when this machine received it. */
    private record Seen(long serverSeconds, long clientMillis) {
    }

    private final Clock clock;
    private final java.util.Map<Dialect, Seen> previous = new java.util.EnumMap<>(Dialect.class);
    private int answersThisRound;
    private boolean lostDuringRound;

    GatewayEpoch(Clock clock) {
        this.clock = clock;
    }

    /**
     * Records the epoch {@code serverSeconds} of a response in {@code dialect}; returns false when it shows that the
     * router lost its state since the previous response in that dialect (RFC 6887 §8.5, RFC 6886 §3.6).
     */
    boolean valid(Dialect dialect, long serverSeconds) {
        long nowMillis = clock.millis();
        Seen before = previous.put(dialect, new Seen(serverSeconds, nowMillis));
        if (before == null) {
            return true;
        }
        long elapsedMillis = nowMillis - before.clientMillis();
        return dialect == Dialect.PCP
                ? pcpValid(before.serverSeconds(), serverSeconds, elapsedMillis / 1000)
                : natPmpValid(before.serverSeconds(), serverSeconds, elapsedMillis);
    }

    /** A round of requests starts. */
    void roundStarted() {
        answersThisRound = 0;
        lostDuringRound = false;
    }

    /** An answer of the round, or an announcement during it: its epoch is checked, as every response's is. */
    void duringRound(Dialect dialect, long serverSeconds, boolean answer) {
        if (!valid(dialect, serverSeconds) && answersThisRound > 0) {
            lostDuringRound = true;
        }
        if (answer) {
            answersThisRound++;
        }
    }

    /** Whether the router lost its state after an answer of this round: what the round mapped before is gone. */
    boolean roundLost() {
        return lostDuringRound;
    }

    /** RFC 6887 §8.5, steps 2 to 5, in whole seconds. */
    static boolean pcpValid(long previousServer, long currentServer, long clientDelta) {
        if (currentServer + 1 < previousServer) {
            return false;
        }
        long serverDelta = currentServer - previousServer;
        return !(clientDelta + 2 < serverDelta - serverDelta / 16 || serverDelta + 2 < clientDelta - clientDelta / 16);
    }

    /** RFC 6886 §3.6: not less than the previous value plus 7/8 of the elapsed time, by more than 2 seconds. */
    static boolean natPmpValid(long previousServer, long currentServer, long elapsedMillis) {
        long estimate = previousServer + elapsedMillis * 7 / 8 / 1000;
        return currentServer + 2 >= estimate;
    }
}
