package org.sipsocial.sip.transaction;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;

/** A core that records what the transaction layer tells it; it may answer requests through {@link #answer}. */
final class RecordingUser implements TransactionUser {
    record Failure(ServerTransaction transaction, TransactionFailure failure) {
    }

    final List<ServerTransaction> requests = new CopyOnWriteArrayList<>();
    final List<SipRequest> acks = new CopyOnWriteArrayList<>();
    final List<SipResponse> strays = new CopyOnWriteArrayList<>();
    final List<Failure> failures = new CopyOnWriteArrayList<>();
    final List<ServerTransaction> terminated = new CopyOnWriteArrayList<>();
    Consumer<ServerTransaction> answer = tx -> { };

    @Override
    public void onRequest(ServerTransaction transaction) {
        requests.add(transaction);
        answer.accept(transaction);
    }

    @Override
    public void onAck(SipRequest ack, Hop source) {
        acks.add(ack);
    }

    @Override
    public void onStrayResponse(SipResponse response, Hop source) {
        strays.add(response);
    }

    @Override
    public void onFailure(ServerTransaction transaction, TransactionFailure failure) {
        failures.add(new Failure(transaction, failure));
    }

    @Override
    public void onTerminated(ServerTransaction transaction) {
        terminated.add(transaction);
    }

    ServerTransaction last() {
        return requests.get(requests.size() - 1);
    }
}
