package org.sipsocial.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.sipsocial.sip.message.SipRequest;

/**
 * Whatever arrives in whatever order, a transaction ends, leaves the table, cancels its timers and
 * tells its owner exactly once; what it sends and reports stays within what RFC 3261 §17 allows.
 * An INVITE transaction in Proceeding has no timer of its own (RFC 3261 §17.1.1.2, §17.2.1: Timer C
 * and the answer are the core's), so each scenario ends with a final response, as a core that keeps
 * the RFC always gives one.
 */
class LifecycleProperties {

    enum Kind { RESPONSE, RETRANSMISSION, ACK, WAIT, TRANSPORT_ERROR }

    record Step(Kind kind, int status, int waitMillis) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.of(Kind.values()),
                Arbitraries.of(100, 180, 183, 200, 202, 302, 404, 486, 503, 603),
                Arbitraries.integers().between(0, 6_000)).as(Step::new);
        return step.list().ofMaxSize(12);
    }

    @Property
    void a_client_transaction_always_ends_and_leaves_nothing_behind(@ForAll boolean invite, @ForAll boolean reliable,
                                                                    @ForAll("steps") List<Step> steps) {
        Harness h = new Harness();
        SipRequest request = invite ? Messages.invite() : Messages.options();
        ClientTransaction tx = h.layer.sendRequest(request, reliable ? Harness.TCP_PEER : Harness.UDP_PEER, h.listener);
        long firstResponseAt = Long.MAX_VALUE;
        for (Step s : steps) {
            switch (s.kind()) {
                case RESPONSE, RETRANSMISSION, ACK -> {
                    if (!tx.isTerminated()) firstResponseAt = Math.min(firstResponseAt, h.now());
                    h.layer.onResponse(Messages.received(request, s.status()), Harness.UDP_PEER);
                }
                case WAIT -> h.advanceMillis(s.waitMillis());
                case TRANSPORT_ERROR -> h.layer.onTransportError(request);
            }
        }
        h.layer.onResponse(Messages.received(request, 500), Harness.UDP_PEER);
        h.advance(Duration.ofMinutes(5));

        assertThat(tx.isTerminated()).isTrue();
        assertThat(h.layer.clientTransactionCount()).isZero();
        assertThat(h.scheduler.pending()).isZero();
        assertThat(h.listener.terminated).containsExactly(tx);
        assertThat(h.listener.failures).hasSizeLessThanOrEqualTo(1);
        long finalsToCore = h.listener.statuses().stream().filter(c -> c >= (invite ? 300 : 200)).count();
        assertThat(finalsToCore).as("one non-2xx final response reaches the core").isLessThanOrEqualTo(1);
        List<String> calls = h.listener.calls;
        assertThat(calls.get(calls.size() - 1)).isEqualTo("terminated");
        if (!h.listener.failures.isEmpty()) {
            assertThat(calls.get(calls.size() - 2)).as("a failure is the last report: %s", calls).startsWith("failure");
        }
        long lastSend = h.sender.requestTimes(request.method(), h.start).stream().mapToLong(Long::longValue).max()
                .orElse(0);
        if (firstResponseAt != Long.MAX_VALUE && invite) {
            assertThat(lastSend).as("no INVITE retransmission after a response").isLessThanOrEqualTo(firstResponseAt);
        }
        if (reliable) assertThat(h.sender.requests(request.method())).hasSize(1);
        if (invite) assertThat(h.sender.requests("ACK")).allMatch(a -> a.to().tag() != null);
    }

    @Property
    void a_server_transaction_always_ends_and_only_repeats_its_final_response(
            @ForAll boolean invite, @ForAll boolean reliable, @ForAll("steps") List<Step> steps) {
        Harness h = new Harness();
        SipRequest request = invite ? Messages.invite() : Messages.request("REGISTER").build();
        SipRequest ack = Messages.request("ACK").toTag(Messages.UAS_TAG).build();
        Hop from = reliable ? Harness.TCP_PEER : Harness.UDP_PEER;
        h.layer.onRequest(request, from);
        ServerTransaction tx = h.user.last();
        for (Step s : steps) {
            switch (s.kind()) {
                case RESPONSE -> tx.sendResponse(Messages.response(request, s.status()));
                case RETRANSMISSION -> {
                    // Once Terminated, a copy would be a new request: other tests show that.
                    if (!tx.isTerminated()) h.layer.onRequest(request, from);
                }
                case ACK -> h.layer.onRequest(ack, from);
                case WAIT -> h.advanceMillis(s.waitMillis());
                case TRANSPORT_ERROR -> {
                    if (h.sender.count() > 0) h.layer.onTransportError(h.sender.last());
                }
            }
        }
        tx.sendResponse(Messages.response(request, 500));
        h.advance(Duration.ofMinutes(5));

        assertThat(tx.isTerminated()).isTrue();
        assertThat(h.layer.serverTransactionCount()).isZero();
        assertThat(h.scheduler.pending()).isZero();
        assertThat(h.user.terminated).containsExactly(tx);
        assertThat(h.user.requests).as("the core sees the request once").hasSize(1);
        List<Integer> sent = h.sender.statuses();
        int firstFinal = -1;
        for (int code : sent) {
            if (firstFinal < 0 && code >= 200) {
                firstFinal = code;
            } else if (firstFinal >= 300 || (!invite && firstFinal >= 200)) {
                assertThat(code).as("after %s only its retransmissions: %s", firstFinal, sent).isEqualTo(firstFinal);
            } else if (firstFinal >= 200) {
                assertThat(code).as("after a 2xx only 2xx: %s", sent).isBetween(200, 299);
            }
        }
    }
}
