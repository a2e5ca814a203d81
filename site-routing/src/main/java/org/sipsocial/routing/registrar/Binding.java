package org.sipsocial.routing.registrar;

import java.time.Instant;
import java.util.List;

import org.sipsocial.sip.message.header.NameAddress;

/**
 * One contact bound to an AOR (RFC 3261 §10.3): the Contact as registered, when it expires, the Call-ID and
 * CSeq of the REGISTER that last set it (for §10.3 step 7 ordering), the Path to reach it (RFC 3327) and the
 * flow it was registered over. An RFC 5626 {@code +sip.instance} with {@code reg-id} names the binding
 * instead of its URI. For the console's Live page it also keeps the phone's User-Agent (RFC 3261 §20.41, at most
 * {@value #MAX_USER_AGENT} characters; empty when the phone sent none) and when the binding was first registered
 * (refreshes keep it; {@code null} for a binding restored from before the site's start).
 */
public record Binding(NameAddress contact, Instant expiresAt, String callId, long cseq, List<NameAddress> path, Flow flow,
        String userAgent, Instant registeredAt) {
    /** What is kept of a User-Agent: enough to name a phone and its version. */
    public static final int MAX_USER_AGENT = 100;

    public Binding {
        path = List.copyOf(path);
        userAgent = userAgent == null ? "" : userAgent.length() > MAX_USER_AGENT ? userAgent.substring(0, MAX_USER_AGENT) : userAgent;
    }

    /** A binding whose phone and first registration are unknown (one restored from the store). */
    public Binding(NameAddress contact, Instant expiresAt, String callId, long cseq, List<NameAddress> path, Flow flow) {
        this(contact, expiresAt, callId, cseq, path, flow, "", null);
    }

    /** The contact's {@code q}, 1.0 when absent (RFC 3261 §20.10). */
    public double q() {
        double q = contact.q();
        return q < 0 ? 1.0 : q;
    }

    /** RFC 5626 §4.2: a registration with both +sip.instance and reg-id is an outbound flow. */
    public boolean isOutboundFlow() {
        return contact.instance() != null && contact.regId() >= 0;
    }

    /** Whether {@code other} (a Contact in a new REGISTER) refers to this binding. */
    boolean sameAs(NameAddress other) {
        if (isOutboundFlow() && other.instance() != null && other.regId() >= 0) {
            return contact.instance().equals(other.instance()) && contact.regId() == other.regId();
        }
        return contact.uri().equals(other.uri());
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
