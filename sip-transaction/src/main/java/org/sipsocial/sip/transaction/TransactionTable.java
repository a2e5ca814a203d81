package org.sipsocial.sip.transaction;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.sipsocial.sip.message.SipResponse;
import org.sipsocial.sip.message.SipWriter;

/**
 * The transactions alive now, by key: client ones by {@link ClientKey} (§17.1.3), server ones by
 * {@link ServerKey} (§17.2.3), and server ones also by {@link MergeKey} for the merged-request check
 * of §8.2.2.2. Concurrent maps, so the transport's threads, the timer thread and the core may all
 * look up and add at once; a transaction removes itself when it enters Terminated.
 *
 * <p>It also counts the server transactions whose request is still in progress (no final response sent yet), and
 * weighs all of them by the heap they keep: the layer bounds both (see {@link TransactionLayer}). And it holds the
 * {@link CompletedAnswers}: what answered non-INVITE transactions over UDP keep for their Completed state, once the
 * transactions themselves have ended.
 */
final class TransactionTable implements Transaction.Registry {
    private final CompletedAnswers completed;
    private final Map<ClientKey, Transaction<?, ?, ?>> clients = new ConcurrentHashMap<>();
    private final Map<ServerKey, AbstractServerTransaction<?, ?, ?>> servers = new ConcurrentHashMap<>();
    private final Map<MergeKey, AbstractServerTransaction<?, ?, ?>> byMergeKey = new ConcurrentHashMap<>();
    private final Map<AckKey, InviteClientTransaction> acceptedClients = new ConcurrentHashMap<>();
    private final AtomicInteger inProgress = new AtomicInteger();
    private final AtomicInteger weight = new AtomicInteger();

    TransactionTable(CompletedAnswers completed) {
        this.completed = completed;
    }

    /** Adds a client transaction; returns the one already there under that key, or {@code null}. */
    Transaction<?, ?, ?> addClient(ClientKey key, Transaction<?, ?, ?> transaction) {
        return clients.putIfAbsent(key, transaction);
    }

    Transaction<?, ?, ?> client(ClientKey key) {
        return key == null ? null : clients.get(key);
    }

    /** Adds a server transaction under its first key; returns the one already there, or {@code null}. */
    AbstractServerTransaction<?, ?, ?> addServer(AbstractServerTransaction<?, ?, ?> transaction, MergeKey mergeKey) {
        AbstractServerTransaction<?, ?, ?> existing = servers.putIfAbsent(transaction.keys().get(0), transaction);
        if (existing == null) {
            byMergeKey.putIfAbsent(mergeKey, transaction);
            inProgress.incrementAndGet();
            weight.addAndGet(transaction.weight());
        }
        return existing;
    }

    AbstractServerTransaction<?, ?, ?> server(ServerKey key) {
        return key == null ? null : servers.get(key);
    }

    /** The ongoing server transaction with these From tag, Call-ID and CSeq, or {@code null} (§8.2.2.2). */
    AbstractServerTransaction<?, ?, ?> byMergeKey(MergeKey key) {
        return byMergeKey.get(key);
    }

    Iterable<AbstractServerTransaction<?, ?, ?>> servers() {
        return servers.values();
    }

    int clientCount() {
        return clients.size();
    }

    /** The server transactions alive, each by its {@link AbstractServerTransaction#weight}. */
    int weight() {
        return weight.get();
    }

    /** Server transactions that have not sent a final response yet. */
    int inProgress() {
        return inProgress.get();
    }

    int serverCount() {
        return (int) servers.values().stream().distinct().count();
    }

    @Override
    public void alias(ServerKey key, AbstractServerTransaction<?, ?, ?> transaction) {
        if (servers.putIfAbsent(key, transaction) == null) transaction.addKey(key);
    }

    @Override
    public void answered(AbstractServerTransaction<?, ?, ?> transaction) {
        inProgress.decrementAndGet();
    }

    @Override
    public void accepted(AckKey key, InviteClientTransaction transaction) {
        acceptedClients.put(key, transaction);
    }

    /** The INVITE client transaction in Accepted whose 2xx an ACK with {@code key} acknowledges, or {@code null}. */
    InviteClientTransaction acceptedClient(AckKey key) {
        return key == null ? null : acceptedClients.get(key);
    }

    @Override
    public boolean keepCompleted(ServerKey key, SipResponse finalResponse) {
        return completed.keep(key.bytes(), SipWriter.toBytes(finalResponse));
    }

    /** The final response kept for a retransmission of the request with {@code key} (§17.2.2 Completed), or {@code null}. */
    byte[] completedAnswer(ServerKey key) {
        return completed.find(key.bytes());
    }

    CompletedAnswers completed() {
        return completed;
    }

    @Override
    public void terminated(Transaction<?, ?, ?> transaction) {
        if (transaction instanceof AbstractServerTransaction<?, ?, ?> server) {
            for (ServerKey key : server.keys()) servers.remove(key, server);
            byMergeKey.remove(server.mergeKey(), server);
            if (!server.answered()) inProgress.decrementAndGet();
            weight.addAndGet(-server.weight());
        } else {
            clients.remove(((ClientKeyed) transaction).clientKey(), transaction);
            if (transaction instanceof InviteClientTransaction invite && invite.ackKey() != null) {
                acceptedClients.remove(invite.ackKey(), invite);
            }
        }
    }
}
