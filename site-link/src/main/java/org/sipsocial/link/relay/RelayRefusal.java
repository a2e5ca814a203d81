package org.sipsocial.link.relay;

import java.util.Optional;

/**
 * Why a relaying site does not carry a link (issue 15): the one failure vocabulary of relaying. Each reason has
 * the SIP status and reason phrase of the relay's answer (RFC 3261 §21) and the plain line the asking site's
 * status shows: {@code %r} is the relaying site, {@code %a} the asking site, {@code %t} the target.
 */
public enum RelayRefusal {
    /** The relaying site's administrator has not turned relaying on ({@code relay = off}, the default). */
    RELAY_OFF(403, "Relay Off", "%r does not relay (relay = off)"),
    /** The asking site is not on the relaying site's {@code relay-allow} list. */
    ASKER_NOT_ALLOWED(403, "Asker Not Allowed", "%r does not relay for %a (not on its relay-allow list)"),
    /** The target is not on the relaying site's {@code relay-allow} list or not on its Network Connection list. */
    TARGET_NOT_ALLOWED(403, "Target Not Allowed", "%r does not relay to %t (not on its relay-allow list)"),
    /** The relaying site has no link up with the target, so it cannot ask the target to join. */
    TARGET_NOT_LINKED(480, "Target Not Linked", "%r has no link with %t"),
    /** The relaying site carries as many relayed links as its {@code relay-max-links} allows. */
    RELAY_FULL(503, "Relay Full", "%r carries as many relayed links as it allows"),
    /** The target did not join in time (it refused, or its dial to the relaying site failed). */
    TARGET_DID_NOT_JOIN(408, "Target Did Not Join", "%t did not join the relayed link through %r"),
    /** A join named no relayed link the relaying site waits for (unknown or expired token, or the wrong site). */
    UNKNOWN_TOKEN(404, "Unknown Relay Token", "%r waits for no such relayed link");

    private final int status;
    private final String reason;
    private final String template;

    RelayRefusal(int status, String reason, String template) {
        this.status = status;
        this.reason = reason;
        this.template = template;
    }

    /** The SIP status code of the relay's answer. */
    public int status() {
        return status;
    }

    /** The reason phrase of the relay's answer, which names the refusal on the wire. */
    public String reason() {
        return reason;
    }

    /**
     * True when the refusal stands until the relay's administrator changes its settings (off, not allowed): the
     * asking site does not ask that relay again for a while. The others may pass at the next try.
     */
    public boolean lasting() {
        return this == RELAY_OFF || this == ASKER_NOT_ALLOWED || this == TARGET_NOT_ALLOWED;
    }

    /** The plain line for the asking site's status. */
    public String line(String relay, String asker, String target) {
        return template.replace("%r", relay).replace("%a", asker).replace("%t", target);
    }

    /** The refusal an answer names, by its status and reason phrase; empty for a success or an unknown answer. */
    public static Optional<RelayRefusal> of(int status, String reason) {
        for (RelayRefusal r : values()) {
            if (r.status == status && r.reason.equalsIgnoreCase(reason.trim())) return Optional.of(r);
        }
        return Optional.empty();
    }
}
