package org.sipsocial.sip.transaction;

/**
 * The transaction timers by their RFC names: RFC 3261 Table 4 (Appendix A) and RFC 6026 §8.11 (L, M).
 * Timer C belongs to the proxy core (RFC 3261 §16.6 step 11), not to a transaction, and is not here.
 *
 * <pre>
 * A  initially T1          INVITE request retransmit interval, UDP only      §17.1.1.2
 * B  64*T1                 INVITE transaction timeout                         §17.1.1.2
 * D  &gt; 32 s UDP, 0 reliable  wait time for response retransmits             §17.1.1.2
 * E  initially T1          non-INVITE request retransmit interval, UDP only  §17.1.2.2
 * F  64*T1                 non-INVITE transaction timeout                     §17.1.2.2
 * G  initially T1          INVITE response retransmit interval               §17.2.1
 * H  64*T1                 wait time for ACK receipt                          §17.2.1
 * I  T4 UDP, 0 reliable    wait time for ACK retransmits                      §17.2.1
 * J  64*T1 UDP, 0 reliable wait time for non-INVITE request retransmits      §17.2.2
 * K  T4 UDP, 0 reliable    wait time for response retransmits                §17.1.2.2
 * L  64*T1                 wait time for accepted INVITE request retransmits  RFC 6026 §8.11
 * M  64*T1                 wait time for retransmission of 2xx to INVITE      RFC 6026 §8.11
 * </pre>
 */
public enum TimerName {
    A, B, D, E, F, G, H, I, J, K, L, M;

    /** True for the retransmission timers A, E and G, which are not started on reliable transports (§17). */
    public boolean retransmits() {
        return this == A || this == E || this == G;
    }
}
