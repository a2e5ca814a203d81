package org.sipsocial.sip.message.sdp;

/**
 * One {@code <type>=<value>} line of an SDP description (RFC 8866 §5) with the line end it was
 * written with ({@code "\r\n"}, {@code "\n"}, or {@code ""} for a last line without one), so an
 * unchanged description is written back byte for byte.
 */
public record SdpLine(char type, String value, String lineEnd) {
    /** A new line ending in CRLF. */
    public static SdpLine of(char type, String value) {
        return new SdpLine(type, value, "\r\n");
    }

    public SdpLine withValue(String newValue) {
        return new SdpLine(type, newValue, lineEnd.isEmpty() ? "\r\n" : lineEnd);
    }

    void appendTo(StringBuilder out) {
        out.append(type).append('=').append(value).append(lineEnd);
    }

    @Override
    public String toString() {
        return type + "=" + value;
    }
}
