package org.sipsocial.link.portmap;

/** RFC 6887 §7.4, Result Codes: the 8-bit result of every PCP response, named as the RFC names them. */
public enum PcpResult {
    SUCCESS(0, "success"),
    UNSUPP_VERSION(1, "unsupported version"),
    NOT_AUTHORIZED(2, "not authorized (port mapping is turned off on the router)"),
    MALFORMED_REQUEST(3, "malformed request"),
    UNSUPP_OPCODE(4, "unsupported opcode"),
    UNSUPP_OPTION(5, "unsupported option"),
    MALFORMED_OPTION(6, "malformed option"),
    NETWORK_FAILURE(7, "network failure (the router has no external address yet)"),
    NO_RESOURCES(8, "no resources (the router cannot make more mappings now)"),
    UNSUPP_PROTOCOL(9, "unsupported protocol"),
    USER_EX_QUOTA(10, "this machine's quota of mappings is used up"),
    CANNOT_PROVIDE_EXTERNAL(11, "cannot provide the external port asked for"),
    ADDRESS_MISMATCH(12, "address mismatch (a NAT between this machine and the router)"),
    EXCESSIVE_REMOTE_PEERS(13, "excessive remote peers"),
    UNKNOWN(-1, "unknown result code");

    private final int code;
    private final String text;

    PcpResult(int code, String text) {
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

    public static PcpResult of(int code) {
        for (PcpResult result : values()) {
            if (result.code == code) {
                return result;
            }
        }
        return UNKNOWN;
    }
}
