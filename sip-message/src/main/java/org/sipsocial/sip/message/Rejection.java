package org.sipsocial.sip.message;

/**
 * A refused message: the reason, the offending header ({@code null} when it is the start line
 * or the framing), the byte offset within the input where the problem was found, and a detail
 * for logs.
 */
public record Rejection(RejectReason reason, String header, int offset, String detail) {
    @Override
    public String toString() {
        return reason + (header != null ? " in " + header : "") + " at offset " + offset + ": " + detail;
    }
}
