package org.sipsocial.sip.transaction;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;

/**
 * What the two server machines share (RFC 3261 §17.2): the request's source, the core to tell, the
 * keys under which the transaction sits in the table, and the last response sent, which is what a
 * retransmitted request is answered with.
 */
abstract class AbstractServerTransaction<S extends Enum<S>, E extends Enum<E>, A extends Enum<A>>
        extends Transaction<S, E, A> implements ServerTransaction {
    final Hop source;
    final TransactionUser user;
    private final List<ServerKey> keys = new CopyOnWriteArrayList<>();
    private final boolean merged;
    private final ServerTransaction cancelTarget;
    volatile SipResponse lastResponse;

    AbstractServerTransaction(TransitionTable<S, E, A> table, Environment env, SipRequest request, Hop source,
                              TransactionUser user, ServerKey key, boolean merged, ServerTransaction cancelTarget) {
        super(table, env, request, source.reliable());
        this.source = source;
        this.user = user;
        this.keys.add(key);
        this.merged = merged;
        this.cancelTarget = cancelTarget;
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

    void sendToTransport(SipResponse response) {
        lastResponse = response;
        env.sender().sendResponse(response, source);
    }

    void resendLast() {
        if (lastResponse != null) env.sender().sendResponse(lastResponse, source);
    }

    @Override
    public SipRequest request() {
        return request;
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
