package org.sipsocial.routing.registrar;

import java.time.Duration;

/**
 * Registration lifetimes (RFC 3261 §10.2.1.1, §10.3 step 7): a Contact without {@code expires} and a REGISTER
 * without Expires get {@code defaultExpires}; shorter than {@code minExpires} (but not zero) is refused with
 * 423 Interval Too Brief and Min-Expires; longer than {@code maxExpires} is shortened. At most
 * {@code maxBindingsPerAor} contacts per AOR.
 *
 * <p>The 200 to a REGISTER that sets up an RFC 5626 outbound flow carries {@code Flow-Timer} (§5.4): the phone
 * then sends its keep-alives (STUN on UDP, CRLF on streams) every 80 to 100 % of it (§4.4.1). On UDP it is
 * {@code udpFlowTimer}, 29 s by default, below the 30 s after which many home routers drop a UDP mapping (RFC 4787
 * REQ-5 asks for two minutes; routers in the field do not keep to it); on TCP and TLS it is
 * {@code streamFlowTimer}, 120 s, well within the 600 s after which the site closes an idle connection.
 */
public record RegistrarPolicy(Duration minExpires, Duration defaultExpires, Duration maxExpires, int maxBindingsPerAor,
        Duration udpFlowTimer, Duration streamFlowTimer) {
    public static final RegistrarPolicy DEFAULT = new RegistrarPolicy(Duration.ofSeconds(60), Duration.ofSeconds(3600),
            Duration.ofSeconds(7200), 16, Duration.ofSeconds(29), Duration.ofSeconds(120));

    public RegistrarPolicy {
        if (minExpires.isNegative() || defaultExpires.compareTo(minExpires) < 0 || maxExpires.compareTo(defaultExpires) < 0
                || maxBindingsPerAor < 1 || udpFlowTimer.toSeconds() < 1 || streamFlowTimer.toSeconds() < 1) {
            throw new IllegalArgumentException("inconsistent registrar policy: " + this);
        }
    }

    /** The Flow-Timer for an outbound flow over {@code transport} ({@code UDP}, {@code TCP}, {@code TLS}). */
    public Duration flowTimer(String transport) {
        return "UDP".equalsIgnoreCase(transport) ? udpFlowTimer : streamFlowTimer;
    }
}
