package org.sipsocial.link.portmap;

/**
 * RFC 6886 §3.5, Result Codes: the 16-bit result in every NAT-PMP response, named as the RFC names them.
 * A code this table does not know is read as {@link #UNKNOWN}. With any code but SUCCESS, the response's other
 * fields mean nothing (§3.5).
 */
public enum NatPmpResult {
    SUCCESS(0, "success"),
    UNSUPPORTED_VERSION(1, "unsupported version"),
    /** "Not Authorized/Refused (e.g., box supports mapping, but user has turned feature off)". */
    NOT_AUTHORIZED(2, "not authorized or refused (port mapping is turned off on the router)"),
    /** "Network Failure (e.g., NAT box itself has not obtained a DHCP lease)". */
    NETWORK_FAILURE(3, "network failure (the router has no external address yet)"),
    /** "Out of resources (NAT box cannot create any more mappings at this time)". */
    OUT_OF_RESOURCES(4, "out of resources (the router cannot make more mappings now)"),
    UNSUPPORTED_OPCODE(5, "unsupported opcode"),
    UNKNOWN(-1, "unknown result code");

    private final int code;
    private final String text;

    NatPmpResult(int code, String text) {
        this.code = code;
        this.text = text;
    }

    public int code() {
        return code;
    }

    /** How a status line says it. */
    public String text() {
        return text;
    }

    public static NatPmpResult of(int code) {
        for (NatPmpResult result : values()) {
            if (result.code == code) {
                return result;
            }
        }
        return UNKNOWN;
    }
}
