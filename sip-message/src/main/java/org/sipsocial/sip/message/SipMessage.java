package org.sipsocial.sip.message;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.sipsocial.sip.message.header.CSeq;
import org.sipsocial.sip.message.header.NameAddress;
import org.sipsocial.sip.message.header.Via;

/**
 * A SIP message, RFC 3261 §7: {@code start-line *message-header CRLF [ message-body ]}.
 *
 * <p>Immutable. Headers are kept in order with the exact bytes they arrived in; typed views
 * ({@link #via()}, {@link #cSeq()}, ... and those of {@link HeaderViews}) parse on first access
 * and cache. The headers a transaction layer relies on (Via, From, To, Call-ID, CSeq,
 * Max-Forwards, Content-Length, Expires, Contact, Route, Record-Route, Path) are checked while
 * parsing, so their accessors never throw on a parsed message. To change a message, use
 * {@code toBuilder()}.
 */
public abstract sealed class SipMessage extends HeaderViews permits SipRequest, SipResponse {
    private final byte[] startSource;
    private final int startFrom;
    private final int startTo;
    private final List<Header> headers;
    private final byte[] bodySource;
    private final int bodyFrom;
    private final int bodyLength;

    SipMessage(byte[] startSource, int startFrom, int startTo, List<Header> headers,
               byte[] bodySource, int bodyFrom, int bodyLength) {
        this.startSource = startSource;
        this.startFrom = startFrom;
        this.startTo = startTo;
        this.headers = Collections.unmodifiableList(headers);
        this.bodySource = bodySource;
        this.bodyFrom = bodyFrom;
        this.bodyLength = bodyLength;
    }

    public abstract boolean isRequest();

    /** The start line as written (without CRLF). */
    public String startLine() {
        return new String(startSource, startFrom, startTo - startFrom, StandardCharsets.UTF_8);
    }

    /** All header fields in order. */
    @Override
    public List<Header> headers() {
        return headers;
    }

    /** The Via entries, top first, across all Via lines (RFC 3261 §20.42). */
    public List<Via> via() {
        List<Via> first = null;
        List<Via> all = null;
        for (int i = 0; i < headers.size(); i++) {
            Header h = headers.get(i);
            if (h.known() != HeaderName.VIA) continue;
            @SuppressWarnings("unchecked")
            List<Via> v = (List<Via>) h.typed();
            if (first == null) {
                first = v;
            } else {
                if (all == null) all = new ArrayList<>(first);
                all.addAll(v);
            }
        }
        if (all != null) return Collections.unmodifiableList(all);
        return first == null ? List.of() : first;
    }

    /** The top Via entry, or {@code null}. */
    public Via topVia() {
        Header h = first(HeaderName.VIA);
        if (h == null) return null;
        @SuppressWarnings("unchecked")
        List<Via> v = (List<Via>) h.typed();
        return v.get(0);
    }

    /** From (RFC 3261 §20.20). */
    public NameAddress from() {
        return (NameAddress) typedOrNull(HeaderName.FROM);
    }

    /** To (RFC 3261 §20.39). */
    public NameAddress to() {
        return (NameAddress) typedOrNull(HeaderName.TO);
    }

    /** Call-ID (RFC 3261 §20.8), or {@code null}. */
    public String callId() {
        return (String) typedOrNull(HeaderName.CALL_ID);
    }

    /** CSeq (RFC 3261 §20.16), or {@code null}. */
    public CSeq cSeq() {
        return (CSeq) typedOrNull(HeaderName.CSEQ);
    }

    /** Max-Forwards (RFC 3261 §20.22), or -1 when absent. */
    public int maxForwards() {
        Object v = typedOrNull(HeaderName.MAX_FORWARDS);
        return v == null ? -1 : (Integer) v;
    }

    /** Expires in seconds (RFC 3261 §20.19), or -1 when absent. */
    public long expires() {
        Object v = typedOrNull(HeaderName.EXPIRES);
        return v == null ? -1 : (Long) v;
    }

    /** The Content-Length header value, or -1 when absent (see {@link #bodyLength()}). */
    public int contentLength() {
        Object v = typedOrNull(HeaderName.CONTENT_LENGTH);
        return v == null ? -1 : (Integer) v;
    }

    /** Contact entries in order; {@link NameAddress#WILDCARD} for {@code *}. */
    public List<NameAddress> contacts() {
        return addresses(HeaderName.CONTACT);
    }

    /** Route entries, top first (RFC 3261 §20.34). */
    public List<NameAddress> routes() {
        return addresses(HeaderName.ROUTE);
    }

    /** Record-Route entries, top first (RFC 3261 §20.30). */
    public List<NameAddress> recordRoutes() {
        return addresses(HeaderName.RECORD_ROUTE);
    }

    /** Path entries, top first (RFC 3327). */
    public List<NameAddress> paths() {
        return addresses(HeaderName.PATH);
    }

    /** The body length in bytes. */
    public int bodyLength() {
        return bodyLength;
    }

    /** A copy of the body bytes. */
    public byte[] body() {
        return Arrays.copyOfRange(bodySource, bodyFrom, bodyFrom + bodyLength);
    }

    /** A read-only view of the body, without copying. */
    public ByteBuffer bodyBuffer() {
        return ByteBuffer.wrap(bodySource, bodyFrom, bodyLength).slice().asReadOnlyBuffer();
    }

    /** The body decoded as UTF-8. */
    public String bodyText() {
        return new String(bodySource, bodyFrom, bodyLength, StandardCharsets.UTF_8);
    }

    // --- access for SipWriter and builders

    int startLength() {
        return startTo - startFrom;
    }

    void copyStartLine(byte[] dst, int at) {
        System.arraycopy(startSource, startFrom, dst, at, startTo - startFrom);
    }

    void copyStartLine(ByteBuffer dst) {
        dst.put(startSource, startFrom, startTo - startFrom);
    }

    void copyBody(byte[] dst, int at) {
        System.arraycopy(bodySource, bodyFrom, dst, at, bodyLength);
    }

    void copyBody(ByteBuffer dst) {
        dst.put(bodySource, bodyFrom, bodyLength);
    }

    byte[] startSource() {
        return startSource;
    }

    int startFrom() {
        return startFrom;
    }

    byte[] bodySource() {
        return bodySource;
    }

    int bodyFrom() {
        return bodyFrom;
    }

    private List<NameAddress> addresses(HeaderName name) {
        List<NameAddress> first = null;
        List<NameAddress> all = null;
        for (int i = 0; i < headers.size(); i++) {
            Header h = headers.get(i);
            if (h.known() != name) continue;
            @SuppressWarnings("unchecked")
            List<NameAddress> v = (List<NameAddress>) h.typed();
            if (first == null) {
                first = v;
            } else {
                if (all == null) all = new ArrayList<>(first);
                all.addAll(v);
            }
        }
        if (all != null) return Collections.unmodifiableList(all);
        return first == null ? List.of() : first;
    }

    /** Equal start line semantics (see subclasses), equal headers in order and equal body bytes. */
    boolean sameContent(SipMessage m) {
        return headers.equals(m.headers) && Arrays.equals(bodySource, bodyFrom, bodyFrom + bodyLength,
                m.bodySource, m.bodyFrom, m.bodyFrom + m.bodyLength);
    }

    int contentHash() {
        return headers.hashCode() * 31 + bodyLength;
    }

    @Override
    public String toString() {
        return new String(SipWriter.toBytes(this), StandardCharsets.UTF_8);
    }
}
