package org.sipsocial.sip.transaction;

import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import org.sipsocial.sip.message.Responses;
import org.sipsocial.sip.message.SipParser;
import org.sipsocial.sip.message.SipMessage;
import org.sipsocial.sip.message.SipMethod;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;
import org.sipsocial.sip.message.header.Via;

/**
 * The transaction layer of RFC 3261 §17 between a transport and the core.
 *
 * <p><b>Below</b>, the transport adapter calls {@link #onRequest}, {@link #onResponse} and
 * {@link #onTransportError} with parsed messages, and this layer sends through the {@link Sender}
 * it was given. <b>Above</b>, the core (the {@link TransactionUser}) receives new requests each with
 * its {@link ServerTransaction} and answers through it, and sends requests with
 * {@link #sendRequest}, getting responses on a {@link ResponseListener}. Time comes from the
 * {@link TimerService}.
 *
 * <p>Threads: any method may be called from any thread. Transactions sit in concurrent maps; each
 * runs its table on its own serial executor (see {@link SerialExecutor}), so one transaction never
 * handles two events at once and the core is never called with a lock held.
 */
public final class TransactionLayer {
    /**
     * Server transactions in progress at most: requests the core has not answered finally yet (our bound; RFC 3261
     * sets none). A request is answered in milliseconds, or within a call's ringing for a proxied INVITE, so this
     * bounds the work waiting on the core, not the rate.
     */
    public static final int DEFAULT_MAX_SERVER_TRANSACTIONS = 10_000;
    /**
     * The weight of all server transactions at most, answered ones included, in units of about 2 kB of heap (a
     * non-INVITE transaction weighs 1, an INVITE 4: {@link AbstractServerTransaction#weight}). Answered INVITEs wait
     * out their timers (an accepted one Timer L: 32 s, or T4 once the ACK of its 2xx went by) so that retransmissions
     * get the same answer; answered
     * non-INVITE ones over UDP end at once and leave their answer to {@link CompletedAnswers}, which has bounds of
     * its own. A site gives them at most half its heap: {@link #weightBoundForHeap}.
     */
    public static final int DEFAULT_MAX_SERVER_TRANSACTION_WEIGHT = 200_000;
    /** Heap a unit of weight stands for: a non-INVITE transaction that lingers as bytes, rounded up from {@code TransactionFootprint}'s 1,981 bytes. */
    static final int BYTES_PER_WEIGHT = 2_048;
    /**
     * Answers to non-INVITE requests kept for retransmissions at most ({@link CompletedAnswers}): 32 s of Timer J at
     * 4,096 requests a second. A site sets its own from its heap: {@link #answersForHeap}, {@link #answerBytesForHeap}.
     */
    public static final int DEFAULT_MAX_COMPLETED_ANSWERS = 131_072;
    /** Bytes of those answers at most (a 200 to a REGISTER is about 500). */
    public static final long DEFAULT_MAX_COMPLETED_ANSWER_BYTES = 64L << 20;
    /** Seconds a request refused for a full table is told to wait (RFC 3261 §20.33 Retry-After). */
    static final int RETRY_AFTER_WHEN_FULL = 5;

    private final TransactionTable table;
    private final LongAdder refusedWhenFull = new LongAdder();
    private volatile int maxServerTransactions = DEFAULT_MAX_SERVER_TRANSACTIONS;
    private volatile int maxServerTransactionWeight = DEFAULT_MAX_SERVER_TRANSACTION_WEIGHT;
    private final Transaction.Environment env;
    private final TransactionUser user;

    public TransactionLayer(Sender sender, TimerService timers, TimerSettings settings, TransactionUser user) {
        this.table = new TransactionTable(new CompletedAnswers(Objects.requireNonNull(timers, "timers")::nanoTime,
                Objects.requireNonNull(settings, "settings").initial(TimerName.J, false).toNanos(),
                DEFAULT_MAX_COMPLETED_ANSWERS, DEFAULT_MAX_COMPLETED_ANSWER_BYTES));
        this.env = new Transaction.Environment(Objects.requireNonNull(sender, "sender"),
                Objects.requireNonNull(timers, "timers"), Objects.requireNonNull(settings, "settings"), table);
        this.user = Objects.requireNonNull(user, "user");
    }

    // ---- from the transport

    /**
     * A request arrived (RFC 3261 §17.2.3, §18.2.1): a retransmission goes to its server transaction,
     * an ACK to its INVITE server transaction or, for a 2xx, to the core; anything else creates a
     * server transaction and reaches the core through {@link TransactionUser#onRequest}.
     */
    public void onRequest(SipRequest request, Hop source) {
        if (request.topVia() == null || request.cSeq() == null) return;
        ServerKey key = ServerKey.of(request);
        AbstractServerTransaction<?, ?, ?> existing = table.server(key);
        if (request.isMethod(SipMethod.ACK)) {
            if (existing instanceof InviteServerTransaction invite) {
                invite.receiveAck(request, source);
            } else {
                user.onAck(request, source);
                acknowledged(request);
            }
            return;
        }
        if (existing != null) {
            existing.receiveRetransmission(request, source);
            return;
        }
        byte[] completedAnswer = source.reliable() ? null : table.completedAnswer(key);
        if (completedAnswer != null) {
            // §17.2.2 Completed: the retransmission gets the final response again (CompletedAnswers keeps it).
            env.sender().sendResponse(SipParser.parse(completedAnswer).response(), source);
            return;
        }
        if (table.inProgress() >= maxServerTransactions || table.weight() >= maxServerTransactionWeight) {
            refuseWhenFull(request, source);
            return;
        }
        AbstractServerTransaction<?, ?, ?> created = create(request, source, key);
        AbstractServerTransaction<?, ?, ?> raced = table.addServer(created, created.mergeKey());
        if (raced != null) {
            raced.receiveRetransmission(request, source);
            return;
        }
        created.start();
    }

    /**
     * The ACK of a 2xx (its own transaction, RFC 3261 §13.2.2.4) tells the INVITE server transaction it acknowledges,
     * found by the From tag, Call-ID and CSeq number they share (§8.2.2.2's key), that its Accepted state may end
     * sooner ({@link InviteServerTransaction#acknowledged}).
     */
    private void acknowledged(SipRequest ack) {
        if (ack.to() == null || ack.to().tag() == null || ack.from() == null) return;
        AbstractServerTransaction<?, ?, ?> invite =
                table.byMergeKey(new MergeKey(ack.from().tag(), ack.callId(), ack.cSeq().number(), SipMethod.INVITE));
        if (invite instanceof InviteServerTransaction accepted) accepted.acknowledged();
    }

    /**
     * A response arrived (RFC 3261 §17.1.3, §18.1.2): it goes to the client transaction whose branch
     * and method it carries, or, when none matches, to {@link TransactionUser#onStrayResponse}.
     */
    public void onResponse(SipResponse response, Hop source) {
        Transaction<?, ?, ?> tx = table.client(ClientKey.of(response));
        if (tx instanceof InviteClientTransaction invite) {
            invite.receive(response, source);
        } else if (tx instanceof NonInviteClientTransaction nonInvite) {
            nonInvite.receive(response, source);
        } else {
            user.onStrayResponse(response, source);
        }
    }

    /**
     * The transport could not send {@code message} (RFC 3261 §17.1.4, §17.2.4): the transaction that
     * sent it moves to Terminated and tells the core. Messages of no transaction are ignored.
     */
    public void onTransportError(SipMessage message) {
        if (message instanceof SipRequest) {
            Transaction<?, ?, ?> tx = table.client(ClientKey.of(message));
            if (tx instanceof InviteClientTransaction invite) invite.transportError();
            if (tx instanceof NonInviteClientTransaction nonInvite) nonInvite.transportError();
            return;
        }
        SipResponse response = (SipResponse) message;
        AbstractServerTransaction<?, ?, ?> tx = table.server(ServerKey.ofResponse(response));
        if (tx == null) {
            for (AbstractServerTransaction<?, ?, ?> candidate : table.servers()) {
                if (candidate.lastSent(response)) tx = candidate;
            }
        }
        if (tx != null) tx.transportError();
    }

    // ---- from the core

    /**
     * Sends a request through a new client transaction (RFC 3261 §17.1): INVITE (§17.1.1) or any
     * other method but ACK (§17.1.2). The request's top Via must carry a fresh branch with the magic
     * cookie ({@link Branch#create()}) and the transport of {@code next}.
     *
     * @throws IllegalArgumentException for an ACK (see {@link #sendAck}) or a Via without an RFC 3261 branch
     * @throws IllegalStateException    when a transaction with this branch and method is alive
     */
    public ClientTransaction sendRequest(SipRequest request, Hop next, ResponseListener listener) {
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(listener, "listener");
        if (request.isMethod(SipMethod.ACK)) {
            throw new IllegalArgumentException("an ACK for a 2xx has no transaction: use sendAck");
        }
        Via via = request.topVia();
        if (via == null || !via.hasRfc3261Branch()) {
            throw new IllegalArgumentException("the top Via needs a branch starting with z9hG4bK (RFC 3261 §8.1.1.7)");
        }
        Transaction<?, ?, ?> tx = request.isMethod(SipMethod.INVITE)
                ? new InviteClientTransaction(env, request, next, listener)
                : new NonInviteClientTransaction(env, request, next, listener);
        if (table.addClient(ClientKey.of(request), tx) != null) {
            throw new IllegalStateException("a client transaction with branch " + via.branch() + " and method "
                    + request.method() + " is alive");
        }
        tx.start();
        return (ClientTransaction) tx;
    }

    /**
     * Sends an ACK for a 2xx, which is a request of its own without a transaction (RFC 3261
     * §13.2.2.4, §17.1.1.1): the core retransmits it for every retransmitted 2xx. The INVITE client transaction
     * whose 2xx it acknowledges then ends T4 later ({@link InviteClientTransaction#acknowledged}).
     */
    public void sendAck(SipRequest ack, Hop next) {
        if (!ack.isMethod(SipMethod.ACK)) throw new IllegalArgumentException("not an ACK: " + ack.method());
        env.sender().send(ack, next);
        InviteClientTransaction accepted = table.acceptedClient(AckKey.of(ack));
        if (accepted != null) accepted.acknowledged();
    }

    /** Sets the bound on server transactions in progress (see {@link #DEFAULT_MAX_SERVER_TRANSACTIONS}). */
    public void maxServerTransactions(int max) {
        if (max < 1) throw new IllegalArgumentException("at least one server transaction: " + max);
        this.maxServerTransactions = max;
    }

    /** Sets the bound on the weight of all server transactions, answered ones included (see {@link #DEFAULT_MAX_SERVER_TRANSACTION_WEIGHT}). */
    public void maxServerTransactionWeight(int max) {
        if (max < InviteServerTransaction.WEIGHT) {
            throw new IllegalArgumentException("at least the weight of one INVITE, " + InviteServerTransaction.WEIGHT + ": " + max);
        }
        this.maxServerTransactionWeight = max;
    }

    /**
     * Sets the bounds on what answered non-INVITE transactions over UDP keep for their Completed state
     * ({@link CompletedAnswers}): at most {@code answers} of them and {@code bytes} in all. When either is reached the
     * oldest answer is dropped before its Timer J; with 0 answers the transactions wait out Timer J themselves.
     */
    public void maxCompletedAnswers(int answers, long bytes) {
        table.completed().bound(answers, bytes);
    }

    /** Answers to non-INVITE requests kept for retransmissions now (§17.2.2 Completed, over UDP). */
    public int completedAnswers() {
        return table.completed().size();
    }

    /**
     * Answers to non-INVITE requests dropped before their Timer J (32 s) since start, because the answers kept
     * reached their bound ({@link #maxCompletedAnswers}): a retransmission of such a request is handled again.
     */
    public long retiredEarly() {
        return table.completed().droppedEarly();
    }

    /** Requests refused with 503 because the table of server transactions was full, since start. */
    public long refusedWhenFull() {
        return refusedWhenFull.sum();
    }

    /**
     * Too many requests in progress, or transactions that weigh too much in all: 503 with Retry-After (RFC 3261 §21.5.4), sent without a
     * transaction, so that the refusal itself costs no state.
     */
    private void refuseWhenFull(SipRequest request, Hop source) {
        refusedWhenFull.increment();
        String tag = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
        env.sender().sendResponse(Responses.create(request, 503, "Service Unavailable (too many transactions)", tag)
                .addHeader("Retry-After", Integer.toString(RETRY_AFTER_WHEN_FULL)).build(), source);
    }

    /** Number of client transactions alive (not yet Terminated). */
    public int clientTransactionCount() {
        return table.clientCount();
    }

    /**
     * The answers that {@link CompletedAnswers} may keep with {@code maxHeap}: one per 4 kB of it, 131,072 on 512 MB
     * (32 s of Timer J at 4,096 requests a second), at least 1,024 and at most {@link CompletedAnswers#MAX_CAPACITY}.
     */
    public static int answersForHeap(long maxHeap) {
        return (int) Math.min(CompletedAnswers.MAX_CAPACITY, Math.max(1_024, maxHeap / 4_096));
    }

    /** The bytes that {@link CompletedAnswers} may keep with {@code maxHeap}: a sixth of it (85 MB of 512 MB). */
    public static long answerBytesForHeap(long maxHeap) {
        return maxHeap / 6;
    }

    /**
     * The bound on the weight of all server transactions that lets them take at most half of {@code maxHeap}:
     * 131,072 for 512 MB, never less than {@link #DEFAULT_MAX_SERVER_TRANSACTIONS} nor more than
     * {@link #DEFAULT_MAX_SERVER_TRANSACTION_WEIGHT}.
     */
    public static int weightBoundForHeap(long maxHeap) {
        long fits = maxHeap / 2 / BYTES_PER_WEIGHT;
        return (int) Math.max(DEFAULT_MAX_SERVER_TRANSACTIONS, Math.min(DEFAULT_MAX_SERVER_TRANSACTION_WEIGHT, fits));
    }

    /** Number of server transactions whose request is in progress: no final response sent yet. */
    public int serverTransactionsInProgress() {
        return table.inProgress();
    }

    /** Number of server transactions alive (not yet Terminated). */
    public int serverTransactionCount() {
        return table.serverCount();
    }

    private AbstractServerTransaction<?, ?, ?> create(SipRequest request, Hop source, ServerKey key) {
        boolean merged = request.to().tag() == null && table.byMergeKey(MergeKey.of(request)) != null;
        if (request.isMethod(SipMethod.INVITE)) {
            return new InviteServerTransaction(env, request, source, user, key, merged);
        }
        ServerTransaction cancelTarget = null;
        if (request.isMethod(SipMethod.CANCEL)) {
            AbstractServerTransaction<?, ?, ?> invite = table.server(ServerKey.ofCancelled(request));
            if (invite instanceof InviteServerTransaction) cancelTarget = invite;
        }
        return new NonInviteServerTransaction(env, request, source, user, key, merged, cancelTarget);
    }
}
