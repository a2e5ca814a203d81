package org.sipsocial.sip.message;

import java.util.List;
import org.sipsocial.sip.message.header.CSeq;
import org.sipsocial.sip.message.header.NameAddress;
import org.sipsocial.sip.message.uri.Uri;

/**
 * The checks {@link SipParser} makes once the lines are indexed, cheapest first:
 * <ol>
 * <li>single-valued headers appear once (RFC 3261 §7.3.1; RFC 4475 §3.3.8, §3.3.9);</li>
 * <li>Via, From, To, Call-ID, CSeq, Max-Forwards, Expires, Content-Length, Contact, Route,
 *     Record-Route and Path parse, with numbers bounded (RFC 4475 §3.1.2.1, .4, .6, .13) and
 *     at most {@link SipLimits#maxViaCount()} Via entries;</li>
 * <li>Via, From, To, Call-ID and CSeq are present (RFC 3261 §8.1.1; RFC 4475 §3.3.1);</li>
 * <li>a request's CSeq method is its method (RFC 3261 §8.1.1.5; RFC 4475 §3.1.2.17);</li>
 * <li>Content-Length fits the input (RFC 3261 §18.3; RFC 4475 §3.1.2.2).</li>
 * </ol>
 */
final class MessageChecks {
    private static final long MANDATORY = bit(HeaderName.VIA) | bit(HeaderName.FROM) | bit(HeaderName.TO)
            | bit(HeaderName.CALL_ID) | bit(HeaderName.CSEQ);

    private final byte[] b;
    private final int offset;
    private final int end;
    private final SipLimits limits;

    MessageChecks(byte[] b, int offset, int end, SipLimits limits) {
        this.b = b;
        this.offset = offset;
        this.end = end;
        this.limits = limits;
    }

    ParseResult request(String method, Uri uri, int lineStart, int lineEnd, List<Header> headers, int bodyStart) {
        Rejection r = check(headers, method);
        if (r != null) return ParseResult.rejected(r);
        int bodyEnd = bodyEnd(headers, bodyStart);
        if (bodyEnd < 0) return ParseResult.rejected(bodyRejection(headers, bodyStart));
        SipRequest m = new SipRequest(method, uri, b, lineStart, lineEnd, headers, b, bodyStart, bodyEnd - bodyStart);
        return ParseResult.parsed(m, bodyEnd - offset);
    }

    ParseResult response(int status, String reason, int lineStart, int lineEnd, List<Header> headers, int bodyStart) {
        Rejection r = check(headers, null);
        if (r != null) return ParseResult.rejected(r);
        int bodyEnd = bodyEnd(headers, bodyStart);
        if (bodyEnd < 0) return ParseResult.rejected(bodyRejection(headers, bodyStart));
        SipResponse m = new SipResponse(status, reason, b, lineStart, lineEnd, headers, b, bodyStart,
                bodyEnd - bodyStart);
        return ParseResult.parsed(m, bodyEnd - offset);
    }

    private Rejection check(List<Header> headers, String method) {
        long seen = 0;
        int vias = 0;
        CSeq cseq = null;
        for (int i = 0; i < headers.size(); i++) {
            Header h = headers.get(i);
            HeaderName n = h.known();
            if (n == null) continue;
            long bit = bit(n);
            if ((seen & bit) != 0 && !n.allowsMultiple()) {
                return new Rejection(RejectReason.DUPLICATE_HEADER, h.name(), h.offset(), "more than one " + n.text());
            }
            seen |= bit;
            switch (n) {
                case VIA:
                case FROM:
                case TO:
                case CALL_ID:
                case CSEQ:
                case MAX_FORWARDS:
                case EXPIRES:
                case CONTENT_LENGTH:
                case CONTACT:
                case ROUTE:
                case RECORD_ROUTE:
                case PATH:
                    Object t;
                    try {
                        t = h.typed();
                        if (n == HeaderName.CONTACT) checkContacts(t);
                    } catch (SipSyntaxException e) {
                        RejectReason reason = n == HeaderName.CONTENT_LENGTH
                                ? RejectReason.BAD_CONTENT_LENGTH : RejectReason.BAD_HEADER_VALUE;
                        return new Rejection(reason, h.name(), h.offset(), e.getMessage());
                    }
                    if (n == HeaderName.VIA) {
                        vias += ((List<?>) t).size();
                        if (vias > limits.maxViaCount()) {
                            return new Rejection(RejectReason.TOO_MANY_VIAS, h.name(), h.offset(),
                                    "more than " + limits.maxViaCount() + " Via entries");
                        }
                    } else if (n == HeaderName.CSEQ) {
                        cseq = (CSeq) t;
                    }
                    break;
                default:
                    break;
            }
        }
        if ((seen & MANDATORY) != MANDATORY) {
            return new Rejection(RejectReason.MISSING_HEADER, missing(seen), offset, "mandatory header missing");
        }
        if (method != null && !cseq.method().equals(method)) {
            return new Rejection(RejectReason.METHOD_MISMATCH, "CSeq", offset,
                    "CSeq method " + cseq.method() + " differs from " + method);
        }
        return null;
    }

    private static void checkContacts(Object t) {
        @SuppressWarnings("unchecked")
        List<NameAddress> contacts = (List<NameAddress>) t;
        for (NameAddress c : contacts) {
            if (!c.isWildcard()) {
                c.expires();
            }
        }
    }

    private static String missing(long seen) {
        for (HeaderName n : new HeaderName[] {HeaderName.VIA, HeaderName.FROM, HeaderName.TO, HeaderName.CALL_ID,
            HeaderName.CSEQ}) {
            if ((seen & bit(n)) == 0) return n.text();
        }
        return null;
    }

    /** End of the body, or -1 when Content-Length exceeds the input or the limit. */
    private int bodyEnd(List<Header> headers, int bodyStart) {
        Header cl = null;
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i).known() == HeaderName.CONTENT_LENGTH) {
                cl = headers.get(i);
                break;
            }
        }
        if (cl == null) return end;
        long length = (Integer) cl.typed();
        return bodyStart + length > end ? -1 : (int) (bodyStart + length);
    }

    private Rejection bodyRejection(List<Header> headers, int bodyStart) {
        return new Rejection(RejectReason.BODY_TRUNCATED, "Content-Length", bodyStart,
                "Content-Length exceeds the " + (end - bodyStart) + " bytes after the headers");
    }

    private static long bit(HeaderName n) {
        return 1L << n.ordinal();
    }
}
