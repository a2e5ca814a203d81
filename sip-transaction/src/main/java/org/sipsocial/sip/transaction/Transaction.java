package org.sipsocial.sip.transaction;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.sipsocial.sip.message.SipMessage;
import org.sipsocial.sip.message.SipParser;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;
import org.sipsocial.sip.message.SipWriter;

/**
 * What the four transaction machines of RFC 3261 §17 share: a {@link TransitionTable} walked on a
 * {@link SerialExecutor}, the timers of {@link TimerName} on the injected {@link TimerService},
 * and removal from the transaction table on entering Terminated (§17.1.1.2: "destroyed the instant
 * it enters the Terminated state").
 *
 * <p>Each row's next state is taken before its actions run, so the core, when called by an action,
 * sees the transaction in the state it is entering.
 */
abstract class Transaction<S extends Enum<S>, E extends Enum<E>, A extends Enum<A>> {
    private final TransitionTable<S, E, A> table;
    private final SerialExecutor executor = new SerialExecutor(true);
    private final Map<TimerName, Cancellable> timers = new EnumMap<>(TimerName.class);
    private final Map<TimerName, Long> generations = new EnumMap<>(TimerName.class);
    final Environment env;
    /** The request that created the transaction, or {@code null} once it {@link #lingerRequest lingers} as bytes. */
    volatile SipRequest request;
    private volatile byte[] requestBytes;
    final boolean reliable;
    private volatile S state;

    /** What every transaction is given by the layer that creates it. */
    record Environment(Sender sender, TimerService timers, TimerSettings settings, Registry registry) {
    }

    /** The transaction table, as a transaction sees it: it leaves the table when it terminates. */
    interface Registry {
        /** The transaction entered Terminated: remove it under every key it has. */
        void terminated(Transaction<?, ?, ?> transaction);

        /** The server transaction can also be found under {@code key} from now on. */
        void alias(ServerKey key, AbstractServerTransaction<?, ?, ?> transaction);

        /** The server transaction sent its final response: it no longer counts as a request in progress. */
        void answered(AbstractServerTransaction<?, ?, ?> transaction);

        /**
         * Keeps what an answered non-INVITE server transaction over an unreliable transport needs in Completed (its
         * key and final response) so that the transaction itself can end; false when there is no room for it.
         */
        boolean keepCompleted(ServerKey key, SipResponse finalResponse);

        /** The INVITE client transaction accepted a 2xx: the ACK with {@code key} acknowledges it. */
        void accepted(AckKey key, InviteClientTransaction transaction);
    }

    Transaction(TransitionTable<S, E, A> table, Environment env, SipRequest request, boolean reliable) {
        this.table = table;
        this.env = env;
        this.request = request;
        this.reliable = reliable;
    }

    /**
     * Enters the initial state and does the entry actions. Until then, events handed in (by other
     * threads, once the transaction is in the table) wait.
     */
    final void start() {
        executor.release(() -> {
            state = table.initial();
            for (A action : table.entryActions()) perform(action, null, null);
        });
    }

    /**
     * The request that created the transaction: the parsed one, or, once the transaction lingers, its bytes parsed
     * again (for a core that still asks; the transaction itself no longer needs it).
     */
    public SipRequest request() {
        SipRequest parsed = request;
        return parsed != null ? parsed : SipParser.parse(requestBytes).request();
    }

    /**
     * Keeps the request as the bytes it is on the wire instead of a parsed message (issue 14: parsed messages are
     * most of what a transaction weighs while it waits out a 32 s timer). Call on the transaction's own executor,
     * once nothing in the machine needs the parsed request any more.
     */
    final void lingerRequest() {
        SipRequest parsed = request;
        if (parsed == null) return;
        requestBytes = SipWriter.toBytes(parsed);
        request = null;
    }

    /** Hands an event to the machine; it is handled after whatever the machine is doing now. */
    final void fire(E event, SipMessage message, Hop from) {
        executor.execute(() -> handle(event, message, from));
    }

    /** Runs {@code task} on this transaction's executor, after whatever the machine is doing now. */
    final void onExecutor(Runnable task) {
        executor.execute(task);
    }

    final S state() {
        return state;
    }

    public final String stateName() {
        S s = state;
        if (s == null) return "Starting";
        String n = s.name();
        return n.charAt(0) + n.substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    public final boolean isTerminated() {
        return state == table.terminal();
    }

    private void handle(E event, SipMessage message, Hop from) {
        S current = state;
        if (current == null || current == table.terminal()) return;
        TransitionTable.Row<S, E, A> row = table.row(current, event);
        if (row == null) return;
        state = row.to();
        for (A action : row.actions()) perform(action, message, from);
        if (row.to() == table.terminal() && current != row.to()) terminate();
    }

    private void terminate() {
        for (Cancellable c : timers.values()) c.cancel();
        timers.clear();
        env.registry().terminated(this);
        onTerminated();
    }

    /** Does one action of a row; {@code message} is the message of the event, if any. */
    abstract void perform(A action, SipMessage message, Hop from);

    /** The event a timer firing raises in this machine. */
    abstract E timerEvent(TimerName timer);

    /** Tells the core that the transaction left the table. */
    abstract void onTerminated();

    /**
     * Starts (or restarts) a timer with its RFC starting value; retransmission timers are not
     * started on reliable transports.
     */
    final Duration startTimer(TimerName timer) {
        if (timer.retransmits() && reliable) return Duration.ZERO;
        Duration d = env.settings().initial(timer, reliable);
        startTimer(timer, d);
        return d;
    }

    /**
     * Starts (or restarts) a timer; a zero timer fires right after the current row. A timer that was
     * restarted or cancelled meanwhile does not fire, even when its old task runs late.
     */
    final void startTimer(TimerName timer, Duration delay) {
        Cancellable previous = timers.remove(timer);
        if (previous != null) previous.cancel();
        long generation = generations.merge(timer, 1L, Long::sum);
        E event = timerEvent(timer);
        if (delay.isZero()) {
            executor.execute(() -> handle(event, null, null));
            return;
        }
        timers.put(timer, env.timers().schedule(delay, () -> executor.execute(() -> {
            if (generations.get(timer) != generation) return;
            timers.remove(timer);
            handle(event, null, null);
        })));
    }

    final void send(SipRequest r, Hop hop) {
        env.sender().send(r, hop);
    }

    @Override
    public String toString() {
        SipRequest r = request;
        String what = r == null ? "lingering" : r.method() + " " + r.topVia();
        return getClass().getSimpleName() + "[" + what + ", " + stateName() + "]";
    }
}
