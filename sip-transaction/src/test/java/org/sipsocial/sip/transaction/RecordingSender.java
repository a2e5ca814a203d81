package org.sipsocial.sip.transaction;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.sipsocial.sip.message.SipMessage;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;

/** A {@link Sender} that records what would have gone on the wire, and when. */
final class RecordingSender implements Sender {
    record Sent(SipMessage message, Hop hop, Instant at) {
        long atMillis(Instant start) {
            return java.time.Duration.between(start, at).toMillis();
        }
    }

    private final Clock clock;
    final List<Sent> sent = new CopyOnWriteArrayList<>();

    RecordingSender(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void send(SipRequest request, Hop next) {
        sent.add(new Sent(request, next, clock.instant()));
    }

    @Override
    public void sendResponse(SipResponse response, Hop requestSource) {
        sent.add(new Sent(response, requestSource, clock.instant()));
    }

    List<SipRequest> requests() {
        return sent.stream().filter(s -> s.message() instanceof SipRequest).map(s -> (SipRequest) s.message())
                .collect(Collectors.toList());
    }

    List<SipRequest> requests(String method) {
        return requests().stream().filter(r -> r.isMethod(method)).collect(Collectors.toList());
    }

    List<SipResponse> responses() {
        return sent.stream().filter(s -> s.message() instanceof SipResponse).map(s -> (SipResponse) s.message())
                .collect(Collectors.toList());
    }

    /** The status codes of the responses sent, in order. */
    List<Integer> statuses() {
        return responses().stream().map(SipResponse::statusCode).collect(Collectors.toList());
    }

    /** When each request of {@code method} was sent, in ms since {@code start}. */
    List<Long> requestTimes(String method, Instant start) {
        return sent.stream().filter(s -> s.message() instanceof SipRequest r && r.isMethod(method))
                .map(s -> s.atMillis(start)).collect(Collectors.toList());
    }

    /** When each response with this status was sent, in ms since {@code start}. */
    List<Long> responseTimes(int status, Instant start) {
        return sent.stream().filter(s -> s.message() instanceof SipResponse r && r.statusCode() == status)
                .map(s -> s.atMillis(start)).collect(Collectors.toList());
    }

    SipMessage last() {
        return sent.get(sent.size() - 1).message();
    }

    int count() {
        return sent.size();
    }
}
