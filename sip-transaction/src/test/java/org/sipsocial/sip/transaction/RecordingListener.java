package org.sipsocial.sip.transaction;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.sipsocial.sip.message.SipResponse;

/** A {@link ResponseListener} that records what a client transaction reports. */
final class RecordingListener implements ResponseListener {
    final List<SipResponse> responses = new CopyOnWriteArrayList<>();
    final List<TransactionFailure> failures = new CopyOnWriteArrayList<>();
    final List<ClientTransaction> terminated = new CopyOnWriteArrayList<>();
    /** Every call, in order: {@code response 180}, {@code failure TIMEOUT}, {@code terminated}. */
    final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public void onResponse(ClientTransaction transaction, SipResponse response) {
        responses.add(response);
        calls.add("response " + response.statusCode());
    }

    @Override
    public void onFailure(ClientTransaction transaction, TransactionFailure failure) {
        failures.add(failure);
        calls.add("failure " + failure);
    }

    @Override
    public void onTerminated(ClientTransaction transaction) {
        terminated.add(transaction);
        calls.add("terminated");
    }

    List<Integer> statuses() {
        return responses.stream().map(SipResponse::statusCode).collect(Collectors.toList());
    }
}
