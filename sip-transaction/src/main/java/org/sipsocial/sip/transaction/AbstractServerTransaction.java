package org.sipsocial.sip.transaction;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.sipsocial.sip.message.SipParser;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;
import org.sipsocial.sip.message.SipWriter;

/**
 * What the two server machines share (RFC 3261 §17.2): the request's source, the core to tell, the
 * keys under which the transaction sits in the table, and the last response sent, which is what a
 * retransmitted request is answered with.
 *
 * <p><b>Lingering small.</b> Once a transaction has nothing left to do but answer retransmissions until its
 * timer ends it (a non-INVITE one in Completed over UDP, Timer J, 32 s, when {@link CompletedAnswers} has no room
 * for its answer; otherwise it ends at once and the answer is kept there), it {@link #linger lingers}: it keeps its
 * request and its last response as the bytes they are on the wire, not as parsed messages (issue 14: a lingering
 * REGISTER transaction kept 5.0 kB, now 2.0 kB; {@code TransactionFootprint} in bench/). An INVITE one in Accepted
 * (Timer L) keeps its request as bytes and no response, since it never resends one. A
 * retransmission is answered with those bytes, parsed again; {@link #request()} parses the request again for a
 * core that still asks. Such a transaction also no longer counts as a request in progress
 * ({@link Transaction.Registry#answered}), so the bound on those is not taken by answered requests.
 */
abstract class AbstractServerTransaction<S extends Enum<S>, E extends Enum<E>, A extends Enum<A>>
        extends Transaction<S, E, A> implements ServerTransaction {
    final Hop source;
    final TransactionUser user;
    private final List<ServerKey> keys = new CopyOnWriteArrayList<>();
    private final boolean merged;
    private final ServerTransaction cancelTarget;
    private final MergeKey mergeKey;
    private boolean answered;
    volatile SipResponse lastResponse;
    /** While {@link #linger lingering}: the last response as written, in place of the parsed one. */
    private volatile byte[] lastResponseBytes;

    AbstractServerTransaction(TransitionTable<S, E, A> table, Environment env, SipRequest request, Hop source,
                              TransactionUser user, ServerKey key, boolean merged, ServerTransaction cancelTarget) {
        super(table, env, request, source.reliable());
        this.source = source;
        this.user = user;
        this.keys.add(key);
        this.merged = merged;
        this.cancelTarget = cancelTarget;
        this.mergeKey = MergeKey.of(request);
    }

    /** A retransmission of the request that created the transaction (§17.2.3 matched it). */
    abstract void receiveRetransmission(SipRequest request, Hop from);

    /** The transport could not send a response of this transaction (RFC 3261 §17.2.4). */
    abstract void transportError();

    /** The keys this transaction is found by: the first, plus any added while it runs. */
    List<ServerKey> keys() {
        return keys;
    }

    void addKey(ServerKey key) {
        keys.add(key);
    }

    /** True when {@code response} is the last response this transaction sent (used to route a transport error). */
    boolean lastSent(SipResponse response) {
        return lastResponse == response;
    }

    /**
     * What this transaction weighs against the layer's bound, in units of about 2 kB of heap (what a lingering
     * non-INVITE transaction keeps, {@code TransactionFootprint}).
     */
    abstract int weight();

    /** True once a final response went out (the transaction then only waits for retransmissions, an ACK or its timer). */
    boolean answered() {
        return answered;
    }

    /** The From tag, Call-ID and CSeq the merged-request check of §8.2.2.2 files this transaction under. */
    MergeKey mergeKey() {
        return mergeKey;
    }

    void sendToTransport(SipResponse response) {
        lastResponse = response;
        env.sender().sendResponse(response, source);
        if (response.statusCode() >= 200 && !answered) {
            answered = true;
            env.registry().answered(this);
        }
    }

    void resendLast() {
        SipResponse last = lastResponse;
        byte[] bytes = lastResponseBytes;
        if (last == null && bytes != null) last = SipParser.parse(bytes).response();
        if (last != null) env.sender().sendResponse(last, source);
    }

    /**
     * From now on keeps the request and the last response as bytes only (see the class comment). Called on the
     * transaction's own executor, once it has sent its final response.
     */
    void linger() {
        lingerRequest();
        SipResponse last = lastResponse;
        if (last == null) return;
        lastResponseBytes = SipWriter.toBytes(last);
        lastResponse = null;
    }

    @Override
    public Hop source() {
        return source;
    }

    @Override
    public boolean isMerged() {
        return merged;
    }

    @Override
    public Optional<ServerTransaction> cancelTarget() {
        return Optional.ofNullable(cancelTarget);
    }

    @Override
    void onTerminated() {
        user.onTerminated(this);
    }
}
