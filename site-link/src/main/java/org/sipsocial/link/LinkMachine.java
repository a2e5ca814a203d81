package org.sipsocial.link;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import org.sipsocial.identity.SiteName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state machine of the link with one remote site, as a table (DESIGN principle 5):
 *
 * <pre>
 * state             event               next              action
 * DISCONNECTED      CONNECT             CONNECTING        choice CONNECT, open the connect window, dial
 * CONNECTING,
 * WAITING_FOR_PEER  CONNECT             (same)            open the connect window again, dial
 * CONNECTING        DIAL_FAILED         CONNECTING        keep the error, dial again (at once after a timeout)
 * CONNECTING        PEER_REFUSES        WAITING_FOR_PEER  dial again after the retry interval
 * CONNECTING        RETRY_DUE           CONNECTING        dial
 * WAITING_FOR_PEER  DIAL_FAILED         CONNECTING        keep the error, dial again (at once after a timeout)
 * WAITING_FOR_PEER  PEER_REFUSES        WAITING_FOR_PEER  dial again after the retry interval
 * WAITING_FOR_PEER  RETRY_DUE           WAITING_FOR_PEER  dial
 * CONNECTING,
 * WAITING_FOR_PEER  WINDOW_OVER         FAILED            stop trying (the error stays)
 * DISCONNECTED,
 * CONNECTING,
 * WAITING_FOR_PEER,
 * FAILED            LINKED              CONNECTED         since = now, initiator kept, stop timers; choice CONNECT
 * CONNECTED         LINK_LOST           FAILED            keep the error, retry with backoff
 * FAILED            RETRY_DUE           FAILED            dial
 * FAILED            DIAL_FAILED,
 *                   PEER_REFUSES        FAILED            keep the error; after a lost link, retry with backoff
 * FAILED            CONNECT             CONNECTING        choice CONNECT, open the connect window, dial
 * any               DISCONNECT          DISCONNECTED      stop timers, send disconnect, close; choice DISCONNECT
 * any but DISC.     PEER_DISCONNECTED   DISCONNECTED      stop timers; "disconnected by" the peer; choice NONE
 * </pre>
 *
 * <p>One Connect is enough (issue 10): importing the other site's certificate is the consent, so a {@code connect}
 * from a site on the list links at once (DISCONNECTED, LINKED: "initiated by" that site) unless this site's
 * administrator disconnected it ({@link LinkChoice#DISCONNECT}, kept across restarts): then the answer is 480 and
 * the other side waits (WAITING_FOR_PEER) until Connect is pressed here. {@link SiteLinks} asks
 * {@link #refuses()} before it lets a connect link.
 * </pre>
 *
 * <p>How it dials (issue 6: Connect keeps trying; both sides pressing Connect meet through two NATs). A dial is
 * one TCP connect that waits patiently, up to {@link LinkSettings#maxBackoff()} (15 s) or the rest of the connect
 * window, while the kernel repeats its SYN (RFC 6298 backoff); when it runs out of patience the next dial starts
 * at once. So the link port nearly always has a connect in progress, and the other site's SYN, let through by our
 * NAT's mapping toward it, meets that connect (TCP simultaneous open) rather than our listener, whose fresh
 * SYN-ACK a Linux NAT would judge out of window and drop (and then hold that mapping stuck for minutes). After
 * {@link LinkSettings#connectTimeout()} without an answer the status already says so. A dial that got no answer
 * (it timed out, or the path is down and the kernel gave up on it) is followed by the next at once, but never
 * sooner than the retry interval after the last one started. Any other failure (a refusal, a TLS alert, 480 Not
 * Disconnected) waits the retry interval in the connect window; after a lost link, the dials' patience doubles from
 * the connect timeout to the maximum, and a refused dial waits out its patience before the next, so a site that
 * is down is asked less and less often.
 *
 * <p>Every wait before a dial is spread at random over ±{@value #JITTER_PERCENT}% of its length: two sites
 * that retry with the same schedule would otherwise stay in step forever, each dial meeting the other's at the
 * same moment (seen in the two-site tests: every dial of one side found the other's holding the link port).
 *
 * <p>Why patience has a limit: SYNs of an earlier dial can be delivered late (seen in the NAT test: a home
 * router held them in its ARP queue through an outage and sent them when its line came back). Each site's
 * connect then answers the other's stale SYN, acknowledges a sequence number the other no longer uses, and
 * both hang in SYN-RECEIVED until one of them gives up; the next pair of dials, with fresh SYNs, links at once.
 * What no dialling schedule can avoid: the router's ICMP "host unreachable" ends this side's dial at the same
 * moment as the ARP exchange that releases the other side's stale SYN (both follow from the router's address
 * resolution). The stale SYN then finds no connect, our listener answers it with a sequence number the router has
 * not seen, and a Linux router's connection tracking (SYN_SENT2, holding two dead sequence numbers) drops every
 * new SYN of either side until the entry expires, 120 s after it was made; meanwhile our own dials from the link
 * port fail with EADDRNOTAVAIL (the listener's half-open connection holds the address pair). The dials go on at
 * the retry interval, so the link comes back at the first dial after that expiry.
 *
 * Pairs not in the table are ignored (for example a dial failing after another connection already linked).
 * Every method runs on the one thread that runs the machines; time comes from the injected clock and scheduler.
 */
final class LinkMachine {
    /** What the machine asks of the network. */
    interface Actions {
        /**
         * Dials the site, waiting up to {@code patience} for the TCP connect (the outcome comes back as
         * DIAL_FAILED, PEER_REFUSES or LINKED).
         */
        void dial(Duration patience);

        /** Sends disconnect on the link, if any, and closes it. */
        void hangUp();

        /** Records the administrator's choice, so a restart redials the wanted links and refuses the disconnected. */
        void chose(LinkChoice choice);
    }

    private record Transition(LinkState next, Consumer<LinkMachine> action) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(LinkMachine.class);
    private static final Map<LinkState, Map<LinkEvent, Transition>> TABLE = new EnumMap<>(LinkState.class);

    static {
        for (LinkState s : LinkState.values()) TABLE.put(s, new EnumMap<>(LinkEvent.class));
        on(LinkState.DISCONNECTED, LinkEvent.CONNECT, LinkState.CONNECTING, LinkMachine::openWindow);
        on(LinkState.DISCONNECTED, LinkEvent.DISCONNECT, LinkState.DISCONNECTED, LinkMachine::hangUp);
        on(LinkState.CONNECTING, LinkEvent.CONNECT, LinkState.CONNECTING, LinkMachine::openWindow);
        on(LinkState.CONNECTING, LinkEvent.DIAL_FAILED, LinkState.CONNECTING, LinkMachine::retrySoon);
        on(LinkState.CONNECTING, LinkEvent.PEER_REFUSES, LinkState.WAITING_FOR_PEER, LinkMachine::retrySoon);
        on(LinkState.CONNECTING, LinkEvent.RETRY_DUE, LinkState.CONNECTING, LinkMachine::dial);
        on(LinkState.WAITING_FOR_PEER, LinkEvent.CONNECT, LinkState.WAITING_FOR_PEER, LinkMachine::openWindow);
        on(LinkState.WAITING_FOR_PEER, LinkEvent.DIAL_FAILED, LinkState.CONNECTING, LinkMachine::retrySoon);
        on(LinkState.WAITING_FOR_PEER, LinkEvent.PEER_REFUSES, LinkState.WAITING_FOR_PEER, LinkMachine::retrySoon);
        on(LinkState.WAITING_FOR_PEER, LinkEvent.RETRY_DUE, LinkState.WAITING_FOR_PEER, LinkMachine::dial);
        on(LinkState.CONNECTING, LinkEvent.WINDOW_OVER, LinkState.FAILED, LinkMachine::stopTimers);
        on(LinkState.WAITING_FOR_PEER, LinkEvent.WINDOW_OVER, LinkState.FAILED, LinkMachine::stopTimers);
        for (LinkState s : new LinkState[] {LinkState.DISCONNECTED, LinkState.CONNECTING, LinkState.WAITING_FOR_PEER,
                LinkState.FAILED}) {
            on(s, LinkEvent.LINKED, LinkState.CONNECTED, LinkMachine::markConnected);
        }
        on(LinkState.CONNECTED, LinkEvent.LINK_LOST, LinkState.FAILED, LinkMachine::markLost);
        on(LinkState.FAILED, LinkEvent.RETRY_DUE, LinkState.FAILED, LinkMachine::dial);
        on(LinkState.FAILED, LinkEvent.DIAL_FAILED, LinkState.FAILED, LinkMachine::retryIfLost);
        on(LinkState.FAILED, LinkEvent.PEER_REFUSES, LinkState.FAILED, LinkMachine::retryIfLost);
        on(LinkState.FAILED, LinkEvent.CONNECT, LinkState.CONNECTING, LinkMachine::openWindow);
        for (LinkState s : LinkState.values()) {
            if (s == LinkState.DISCONNECTED) continue;
            on(s, LinkEvent.DISCONNECT, LinkState.DISCONNECTED, LinkMachine::hangUp);
            on(s, LinkEvent.PEER_DISCONNECTED, LinkState.DISCONNECTED, LinkMachine::peerLeft);
        }
    }

    private static void on(LinkState state, LinkEvent event, LinkState next, Consumer<LinkMachine> action) {
        TABLE.get(state).put(event, new Transition(next, action));
    }

    private final SiteName site;
    private final LinkSettings settings;
    private final Clock clock;
    private final LinkScheduler scheduler;
    private final Actions actions;
    private final DoubleSupplier random;

    private LinkState state = LinkState.DISCONNECTED;
    private LinkChoice choice = LinkChoice.NONE;
    private SiteName initiator;
    private boolean lostMode;
    private Duration lostPatience;
    private Duration patience = Duration.ZERO;
    private Instant dialStarted;
    private Instant windowEnds;
    private LinkScheduler.Timer retryTimer;
    private LinkScheduler.Timer windowTimer;
    private Instant since;
    private Duration roundTrip = Duration.ZERO;
    private String seenFrom = "";
    private LinkError lastError;
    private SiteName disconnectedBy;
    private boolean asksToConnect;
    private SiteName through;
    private String relayNote;

    /** How far a wait before a dial may be spread, either way, in percent of its length. */
    static final int JITTER_PERCENT = 20;

    /** @param random uniform in [0, 1): spreads the waits before dials (tests give a constant 0.5: no spread) */
    LinkMachine(SiteName site, LinkSettings settings, Clock clock, LinkScheduler scheduler, Actions actions,
                DoubleSupplier random) {
        this.site = Objects.requireNonNull(site, "site");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.actions = Objects.requireNonNull(actions, "actions");
        this.random = Objects.requireNonNull(random, "random");
        this.lostPatience = settings.connectTimeout();
    }

    LinkState state() {
        return state;
    }

    /** True when this link is wanted (Connect pressed or the link came up, no Disconnect since on either side). */
    boolean wanted() {
        return choice == LinkChoice.CONNECT;
    }

    /** True when our administrator disconnected this site: its Connect is refused until we press Connect. */
    boolean refuses() {
        return choice == LinkChoice.DISCONNECT;
    }

    /**
     * The site starts with the choice kept from its last run: a wanted link is dialled, a disconnected one
     * refused.
     */
    void resume(LinkChoice kept) {
        if (kept == LinkChoice.CONNECT) {
            connect();
        } else if (kept == LinkChoice.DISCONNECT && state == LinkState.DISCONNECTED) {
            choice = kept;
        }
    }

    void connect() {
        fire(LinkEvent.CONNECT);
    }

    void disconnect() {
        fire(LinkEvent.DISCONNECT);
    }

    /**
     * A dial failed. A dial that found the other site's dial arriving ({@link LinkFailure#ANSWERING_THEIR_DIAL})
     * says nothing new about the link, so it does not hide the last real reason from the status.
     */
    void dialFailed(LinkError error) {
        if (error.failure() != LinkFailure.ANSWERING_THEIR_DIAL || lastError == null) lastError = error;
        fire(LinkEvent.DIAL_FAILED);
    }

    /**
     * The dial in progress has had no answer for the connect timeout and goes on waiting: the status says so
     * now, so that an administrator behind a NAT can ask the other one to press Connect.
     */
    void noAnswerYet(LinkError error) {
        if (state == LinkState.CONNECTING || (state == LinkState.FAILED && lostMode)) lastError = error;
    }

    /** The other side answered 480: its administrator disconnected us. */
    void peerRefuses(LinkError error) {
        lastError = error;
        fire(LinkEvent.PEER_REFUSES);
    }

    /** A connection became the link; {@code by} is the site whose connect made it (the status names it). */
    void linked(SiteName by) {
        linked(by, null);
    }

    /**
     * A connection became the link, relayed through {@code relay} (issue 15), or direct when {@code relay} is null;
     * a direct link that replaces a relayed one is shown as direct from then on.
     */
    void linked(SiteName by, SiteName relay) {
        if (state != LinkState.CONNECTED) initiator = by;
        through = relay;
        relayNote = null;
        fire(LinkEvent.LINKED);
    }

    /** Why the last try to relay this link failed (issue 15), shown after the direct dial's error. */
    void relayFailed(String note) {
        if (state != LinkState.CONNECTED) relayNote = note;
    }

    void lost(LinkError error) {
        if (state == LinkState.CONNECTED) lastError = error;
        fire(LinkEvent.LINK_LOST);
    }

    void peerDisconnected() {
        fire(LinkEvent.PEER_DISCONNECTED);
    }

    /** The other side tried to link while we do not want it: shown until we press Connect. */
    void peerAsked() {
        if (state == LinkState.DISCONNECTED) asksToConnect = true;
    }

    /** A probe's answer (the round trip and the address the other side sees us at) or a pong (the round trip only). */
    void measured(Duration rtt, String from) {
        roundTrip = rtt;
        if (from != null) seenFrom = from;
    }

    LinkStatus status() {
        boolean up = state == LinkState.CONNECTED;
        return new LinkStatus(site, state, up ? since : null, up ? initiator : null, up ? roundTrip : null,
                up ? seenFrom : null, lastError, disconnectedBy, asksToConnect, state == LinkState.FAILED && lostMode,
                up ? through : null, up ? null : relayNote);
    }

    private void fire(LinkEvent event) {
        Transition t = TABLE.get(state).get(event);
        if (t == null) {
            LOG.debug("link {}: {} ignored in {}", site, event, state);
            return;
        }
        LOG.debug("link {}: {} in {} -> {}", site, event, state, t.next());
        LinkState was = state;
        state = t.next();
        t.action().accept(this);
        if (state != was) LOG.info("link with {}: {}", site, status().line());
    }

    private void openWindow() {
        relayNote = null;
        choose(LinkChoice.CONNECT);
        lostMode = false;
        disconnectedBy = null;
        asksToConnect = false;
        lastError = null;
        cancel(windowTimer);
        windowEnds = clock.instant().plus(settings.connectWindow());
        windowTimer = scheduler.schedule(settings.connectWindow(), () -> fire(LinkEvent.WINDOW_OVER));
        cancel(retryTimer);
        dial();
    }

    /** In the connect window: soon after a dial without an answer, else after the retry interval. */
    private void retrySoon() {
        schedule(unanswered() ? left(settings.retryInterval()) : settings.retryInterval());
    }

    /** After a lost link: soon after a dial without an answer, else when its patience is used up; patience doubles. */
    private void retryIfLost() {
        if (!lostMode) return;
        schedule(left(unanswered() ? settings.retryInterval() : patience));
        Duration doubled = lostPatience.multipliedBy(2);
        lostPatience = doubled.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : doubled;
    }

    private boolean unanswered() {
        return lastError != null && lastError.failure() == LinkFailure.NO_ANSWER;
    }

    /** What is left of {@code span} since the last dial started. */
    private Duration left(Duration span) {
        Duration left = span.minus(Duration.between(dialStarted, clock.instant()));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** A dial in the connect window waits for the rest of the window, at least the connect timeout, at most the maximum. */
    private Duration windowPatience() {
        Duration left = Duration.between(clock.instant(), windowEnds);
        if (left.compareTo(settings.maxBackoff()) > 0) left = settings.maxBackoff();
        return left.compareTo(settings.connectTimeout()) < 0 ? settings.connectTimeout() : left;
    }

    private void schedule(Duration delay) {
        cancel(retryTimer);
        retryTimer = scheduler.schedule(spread(delay), () -> fire(LinkEvent.RETRY_DUE));
    }

    /** {@code delay} spread at random over ±{@value #JITTER_PERCENT}%. */
    private Duration spread(Duration delay) {
        double factor = 1 + (2 * random.getAsDouble() - 1) * JITTER_PERCENT / 100.0;
        return Duration.ofNanos(Math.round(delay.toNanos() * factor));
    }

    private void dial() {
        retryTimer = null;
        patience = lostMode ? lostPatience : windowPatience();
        dialStarted = clock.instant();
        actions.dial(patience);
    }

    private void markConnected() {
        stopTimers();
        since = clock.instant();
        lastError = null;
        disconnectedBy = null;
        asksToConnect = false;
        lostMode = false;
        lostPatience = settings.connectTimeout();
        choose(LinkChoice.CONNECT);
    }

    /** The first dial after a loss comes after the (short) first backoff; see the class comment for the rest. */
    private void markLost() {
        since = null;
        lostMode = true;
        lostPatience = settings.connectTimeout();
        schedule(settings.firstBackoff());
    }

    private void hangUp() {
        stopTimers();
        lostMode = false;
        lastError = null;
        disconnectedBy = null;
        asksToConnect = false;
        choose(LinkChoice.DISCONNECT);
        actions.hangUp();
    }

    private void peerLeft() {
        stopTimers();
        lostMode = false;
        lastError = null;
        disconnectedBy = site;
        choose(LinkChoice.NONE);
    }

    private void stopTimers() {
        cancel(retryTimer);
        cancel(windowTimer);
        retryTimer = null;
        windowTimer = null;
    }

    private void choose(LinkChoice value) {
        choice = value;
        actions.chose(value);
    }

    private static void cancel(LinkScheduler.Timer timer) {
        if (timer != null) timer.cancel();
    }
}
