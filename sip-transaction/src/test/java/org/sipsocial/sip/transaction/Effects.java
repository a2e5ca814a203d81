package org.sipsocial.sip.transaction;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;

/**
 * What a transaction did to the outside world, as seen by a {@link Harness}: messages sent (a
 * request by its method, a response by its status), calls to the core and timers started. Used to
 * compare what a table row says with what the transaction did.
 */
record Effects(List<String> sent, List<String> toCore, List<TransactionFailure> failures, List<Duration> timers) {

    /** Everything the harness has recorded so far. */
    static Effects of(Harness h) {
        List<String> sent = new ArrayList<>();
        for (RecordingSender.Sent s : h.sender.sent) sent.add(label(s.message()));
        List<String> toCore = new ArrayList<>();
        for (SipResponse r : h.listener.responses) toCore.add("response " + r.statusCode());
        for (ServerTransaction t : h.user.requests) toCore.add("request " + t.request().method());
        for (SipRequest a : h.user.acks) toCore.add("ack");
        List<TransactionFailure> failures = new ArrayList<>(h.listener.failures);
        for (RecordingUser.Failure f : h.user.failures) failures.add(f.failure());
        return new Effects(sent, toCore, failures, new ArrayList<>(h.scheduledDelays));
    }

    static Effects none() {
        return new Effects(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    }

    /** What was recorded after {@code before} (the core calls compared as a multiset, sorted). */
    Effects since(Effects before) {
        List<String> core = new ArrayList<>(toCore);
        for (String c : before.toCore) core.remove(c);
        core.sort(null);
        return new Effects(sent.subList(before.sent.size(), sent.size()), core,
                failures.subList(before.failures.size(), failures.size()),
                timers.subList(before.timers.size(), timers.size()));
    }

    static String label(Object message) {
        if (message instanceof SipRequest r) return r.method();
        return Integer.toString(((SipResponse) message).statusCode());
    }

    Effects send(String label) {
        sent.add(label);
        return this;
    }

    Effects core(String call) {
        toCore.add(call);
        toCore.sort(null);
        return this;
    }

    Effects fail(TransactionFailure f) {
        failures.add(f);
        return this;
    }

    Effects timer(Duration d) {
        timers.add(d);
        return this;
    }
}
