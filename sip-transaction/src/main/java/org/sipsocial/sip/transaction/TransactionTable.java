package org.sipsocial.sip.transaction;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The transactions alive now, by key: client ones by {@link ClientKey} (§17.1.3), server ones by
 * {@link ServerKey} (§17.2.3), and server ones also by {@link MergeKey} for the merged-request check
 * of §8.2.2.2. Concurrent maps, so the transport's threads, the timer thread and the core may all
 * look up and add at once; a transaction removes itself when it enters Terminated.
 *
 * <p>It also counts the server transactions whose request is still in progress (no final response sent yet), and
 * weighs all of them by the heap they keep: the layer bounds both (see {@link TransactionLayer}). The answered
 * non-INVITE ones that wait out Timer J are also queued in the order they were answered, so that the layer can
 * retire the oldest when the bound is reached ({@link #retireLingering}).
 */
final class TransactionTable implements Transaction.Registry {
    /** A non-INVITE server transaction waiting out Timer J since {@code sinceNanos}. */
    private record Lingering(NonInviteServerTransaction transaction, long sinceNanos) {
    }

    private final LongSupplier nanoTime;
    /**
     * Oldest first. Timer J is one duration for all, so transactions also end in this order and leave from the
     * head ({@link #lingering}); the queue holds about what lingers.
     */
    private final Queue<Lingering> lingering = new ConcurrentLinkedQueue<>();
    private final Map<ClientKey, Transaction<?, ?, ?>> clients = new ConcurrentHashMap<>();
    private final Map<ServerKey, AbstractServerTransaction<?, ?, ?>> servers = new ConcurrentHashMap<>();
    private final Map<MergeKey, AbstractServerTransaction<?, ?, ?>> byMergeKey = new ConcurrentHashMap<>();
    private final AtomicInteger inProgress = new AtomicInteger();
    private final AtomicInteger weight = new AtomicInteger();

    TransactionTable(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
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
    public void lingering(NonInviteServerTransaction transaction) {
        lingering.add(new Lingering(transaction, nanoTime.getAsLong()));
        Lingering head;
        while ((head = lingering.peek()) != null && head.transaction().isTerminated()) {
            lingering.remove(head);
        }
    }

    /** Entries in the queue of lingering transactions (some may have ended and wait to leave from the head). */
    int lingeringQueued() {
        return lingering.size();
    }

    /** What {@link #retireLingering} did: how many it retired, and the weight of those still ending on another thread. */
    record Retirement(int retired, int pendingWeight) {
    }

    /**
     * Retires the oldest answered non-INVITE transactions that have waited at least {@code minimumNanos}, until
     * the weight of those alive no longer reaches {@code bound}. A transaction retires on its own executor, at once
     * unless another thread is in it (a retransmission): such a one is counted as pending.
     */
    Retirement retireLingering(int bound, long minimumNanos) {
        long now = nanoTime.getAsLong();
        int retired = 0;
        int pending = 0;
        Lingering head;
        while (weight.get() - pending >= bound && (head = lingering.peek()) != null) {
            NonInviteServerTransaction transaction = head.transaction();
            if (transaction.isTerminated()) {
                lingering.remove(head);
                continue;
            }
            if (now - head.sinceNanos() < minimumNanos) {
                break;
            }
            if (!lingering.remove(head)) {
                continue; // another thread took it
            }
            transaction.retireEarly();
            retired++;
            if (!transaction.isTerminated()) pending += transaction.weight();
        }
        return new Retirement(retired, pending);
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
        }
    }
}
