package org.sipsocial.sip.message;

/**
 * Why the parser refused a message, with the status a UAS or proxy answers a request with
 * (RFC 3261 §21; RFC 4475 §3.1.2). A rejected response is never answered: it is dropped
 * (RFC 3261 §18.1.2), so {@link #status()} concerns requests only.
 */
public enum RejectReason {
    /** Nothing but CRLFs, or no bytes at all. */
    EMPTY(0),
    /** Larger than {@link SipLimits#maxMessageSize()}: 513 Message Too Large (RFC 3261 §21.5.14). */
    MESSAGE_TOO_LARGE(513),
    /** More header fields than {@link SipLimits#maxHeaderCount()}. */
    TOO_MANY_HEADERS(400),
    /** A physical line longer than {@link SipLimits#maxLineLength()}. */
    LINE_TOO_LONG(400),
    /** More Via entries than {@link SipLimits#maxViaCount()}. */
    TOO_MANY_VIAS(400),
    /** A line ends with a bare CR or LF instead of CRLF (RFC 3261 §7). */
    BAD_LINE_END(400),
    /** The Request-Line is not {@code Method SP Request-URI SP SIP-Version CRLF} (RFC 3261 §7.1, RFC 4475 §3.1.2.9/10). */
    BAD_REQUEST_LINE(400),
    /** The Request-URI is not a URI, is in {@code <>} or carries headers (RFC 4475 §3.1.2.7/11). */
    BAD_REQUEST_URI(400),
    /** The Status-Line is not {@code SIP-Version SP 3DIGIT SP Reason-Phrase} or the code is out of range (RFC 4475 §3.1.2.19). */
    BAD_STATUS_LINE(400),
    /** A SIP version other than 2.0: 505 Version Not Supported (RFC 3261 §21.5.7, RFC 4475 §3.1.2.16). */
    VERSION_NOT_SUPPORTED(505),
    /** A header line without a token name and colon, or a continuation line with nothing to continue. */
    MALFORMED_HEADER(400),
    /** A known header whose value does not match its ABNF or is out of range (RFC 4475 §3.1.2.1/4/6/13). */
    BAD_HEADER_VALUE(400),
    /** A single-valued header appears more than once (RFC 4475 §3.3.8, §3.3.9). */
    DUPLICATE_HEADER(400),
    /** Via, From, To, Call-ID or CSeq is missing (RFC 3261 §8.1.1, RFC 4475 §3.3.1). */
    MISSING_HEADER(400),
    /** The CSeq method differs from the request method (RFC 3261 §8.1.1.5, RFC 4475 §3.1.2.17/18). */
    METHOD_MISMATCH(400),
    /** Content-Length is not 1*DIGIT or is negative (RFC 4475 §3.1.2.3). */
    BAD_CONTENT_LENGTH(400),
    /** Content-Length names more bytes than there are (RFC 3261 §18.3, RFC 4475 §3.1.2.2). */
    BODY_TRUNCATED(400),
    /** The header section does not end with an empty line. */
    INCOMPLETE_HEADERS(400),
    /** A stream message without Content-Length (RFC 3261 §18.3: mandatory on streams). */
    MISSING_CONTENT_LENGTH(400);

    private final int status;

    RejectReason(int status) {
        this.status = status;
    }

    /** The response status for a rejected request (0: send nothing). */
    public int status() {
        return status;
    }
}
