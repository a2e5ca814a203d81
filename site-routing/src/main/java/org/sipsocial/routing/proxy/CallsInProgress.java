package org.sipsocial.routing.proxy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.header.NameAddress;
import org.sipsocial.sip.message.uri.SipUri;

/**
 * The calls this proxy has seen established and not yet ended, for the console's Live page: from the first 2xx to
 * an INVITE that it relayed (RFC 3261 §16.7) to the BYE that passes it (it record-routes, §16.6 step 4), or to the
 * end of the link the call crossed. Each is named by its parties' AORs only ({@code user@host} of From and To; for
 * a party at another site, the name that site speaks for), never by an address. A call whose BYE never passes
 * (a phone that vanished) is forgotten past {@link #MAX_AGE}; no more than {@link #MAX_CALLS} are kept.
 */
public final class CallsInProgress {
    public static final int MAX_CALLS = 20_000;
    public static final Duration MAX_AGE = Duration.ofHours(12);

    /**
     * One call: its Call-ID, who called whom, the other site when it crosses a link ({@code null} within this
     * site), and when it was established.
     */
    public record Call(String callId, String caller, String callee, String site, Instant since) {
    }

    private final Clock clock;
    private final Map<String, Call> calls = new LinkedHashMap<>();

    public CallsInProgress(Clock clock) {
        this.clock = clock;
    }

    /**
     * A 2xx to {@code invite} went upstream; {@code site} is the other site when the call crosses a link, or
     * {@code null}. A re-INVITE's 2xx keeps the call's first time.
     */
    public synchronized void established(SipRequest invite, String site) {
        if (calls.containsKey(invite.callId())) {
            return;
        }
        calls.put(invite.callId(), new Call(invite.callId(), aor(invite.from()), aor(invite.to()), site, clock.instant()));
        trim();
    }

    /** A BYE of this call passed: it is over. */
    public synchronized void ended(String callId) {
        calls.remove(callId);
    }

    /** The link with {@code site} went, and every call across it. */
    public synchronized void endedWith(String site) {
        calls.values().removeIf(call -> call.site() != null && call.site().equalsIgnoreCase(site));
    }

    /** The calls in progress, oldest first. */
    public synchronized List<Call> list() {
        trim();
        return new ArrayList<>(calls.values());
    }

    public synchronized int size() {
        return calls.size();
    }

    private void trim() {
        Instant oldest = clock.instant().minus(MAX_AGE);
        for (Iterator<Call> it = calls.values().iterator(); it.hasNext(); ) {
            Call call = it.next();
            if (calls.size() > MAX_CALLS || call.since().isBefore(oldest)) {
                it.remove();
            } else {
                break;
            }
        }
    }

    /** {@code user@host} of a From or To, without display name, parameters or port. */
    static String aor(NameAddress party) {
        if (party == null) {
            return "";
        }
        if (party.uri() instanceof SipUri sip) {
            return sip.user() == null ? sip.host() : sip.user() + "@" + sip.host();
        }
        return party.uri().toString();
    }
}
