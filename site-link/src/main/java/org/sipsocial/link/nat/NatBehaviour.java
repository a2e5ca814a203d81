package org.sipsocial.link.nat;

/**
 * How the NAT in front of this site (if any) maps the link port, as far as the reports of the sites it dialled
 * show (RFC 4787 §4.1 names the mappings). What decides which links come up directly is whether the port a peer
 * sees is the link port: the other site dials the link port, and hole punching through two NATs needs each NAT to
 * send from the port the other dials.
 */
public enum NatBehaviour {
    /** No site this one dialled has reported yet. */
    UNKNOWN,
    /** Seen from one of this machine's own addresses and the link port: no NAT on the way. */
    NO_NAT,
    /** Seen from another address, but from the link port: a port-preserving NAT, as most home routers are. */
    KEEPS_PORT,
    /** Seen from another port by the one site that reported: whether it depends on the destination is not known. */
    CHANGES_PORT,
    /**
     * Seen from one other port by every site that reported (two or more): endpoint-independent mapping, but not of
     * the link port.
     */
    CHANGES_PORT_SAME_FOR_EVERY_SITE,
    /**
     * Seen from a different address or port by different sites: endpoint-dependent mapping (RFC 4787 §4.1,
     * "address and port-dependent"), the "symmetric" NAT of carrier-grade NATs and many enterprise firewalls.
     */
    CHANGES_PORT_FOR_EVERY_SITE;

    /** Whether a peer sees the link port as something else, so that sites behind other NATs cannot dial it. */
    public boolean changesPorts() {
        return this == CHANGES_PORT || this == CHANGES_PORT_SAME_FOR_EVERY_SITE || this == CHANGES_PORT_FOR_EVERY_SITE;
    }
}
