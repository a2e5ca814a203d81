package org.sipsocial.sip.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.sipsocial.sip.message.header.MediaType;
import org.sipsocial.sip.message.header.NameAddress;
import org.sipsocial.sip.message.header.Via;

/**
 * Changes a message the way a proxy (RFC 3261 §16.6) or a UA does. Headers not touched keep their
 * original bytes; headers added or changed are written canonically ({@code Name: value}).
 * Builders are single-use and not thread-safe.
 */
public abstract sealed class MessageBuilder<B extends MessageBuilder<B>> permits RequestBuilder, ResponseBuilder {
    private static final byte[] NO_BODY = new byte[0];

    final List<Header> headers;
    byte[] bodySource;
    int bodyFrom;
    int bodyLength;
    private boolean bodyChanged;

    MessageBuilder() {
        headers = new ArrayList<>();
        bodySource = NO_BODY;
    }

    MessageBuilder(SipMessage m) {
        headers = new ArrayList<>(m.headers());
        bodySource = m.bodySource();
        bodyFrom = m.bodyFrom();
        bodyLength = m.bodyLength();
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** Appends a header at the end. */
    public B addHeader(String name, String value) {
        headers.add(Header.of(name, value));
        return self();
    }

    /** Appends a header at the end (a header of another message is kept byte for byte). */
    public B addHeader(Header header) {
        headers.add(Objects.requireNonNull(header));
        return self();
    }

    /**
     * Inserts a header before the first header of that name; when there is none, after the last
     * Via (or first of all).
     */
    public B addHeaderFirst(HeaderName name, String value) {
        int at = indexOf(name);
        if (at < 0) {
            at = 0;
            for (int i = 0; i < headers.size(); i++) {
                if (headers.get(i).known() == HeaderName.VIA) at = i + 1;
            }
        }
        headers.add(at, Header.of(name.text(), value));
        return self();
    }

    /** Replaces every header of that name by one with {@code value}, at the place of the first. */
    public B setHeader(HeaderName name, String value) {
        int at = indexOf(name);
        removeHeaders(name);
        Header h = Header.of(name.text(), value);
        if (at < 0) {
            headers.add(h);
        } else {
            headers.add(Math.min(at, headers.size()), h);
        }
        return self();
    }

    /** Removes every header of that known name. */
    public B removeHeaders(HeaderName name) {
        headers.removeIf(h -> h.known() == name);
        return self();
    }

    /** Removes every header with that name (any form, any case). */
    public B removeHeaders(String name) {
        HeaderName known = HeaderName.of(name);
        if (known != null) return removeHeaders(known);
        headers.removeIf(h -> h.known() == null && h.name().equalsIgnoreCase(name));
        return self();
    }

    /** Adds a Via on top, as its own line (RFC 3261 §16.6 step 8). */
    public B pushVia(Via via) {
        return addHeaderFirst(HeaderName.VIA, via.toString());
    }

    /** Replaces the top Via entry (e.g. to add {@code received}/{@code rport}, RFC 3261 §18.2.1, RFC 3581 §4). */
    public B replaceTopVia(Via via) {
        popFirstEntry(HeaderName.VIA);
        return pushVia(via);
    }

    /** Removes the top Via entry (what a proxy does to a response, RFC 3261 §16.7 step 3). */
    public B popVia() {
        return popFirstEntry(HeaderName.VIA);
    }

    /** Adds a Record-Route on top (RFC 3261 §16.6 step 4). */
    public B addRecordRoute(NameAddress route) {
        return addHeaderFirst(HeaderName.RECORD_ROUTE, route.toString());
    }

    /** Removes the top Route entry (RFC 3261 §16.4, §16.6 step 6). */
    public B popRoute() {
        return popFirstEntry(HeaderName.ROUTE);
    }

    /** Sets the body with its Content-Type and Content-Length. */
    public B body(MediaType type, byte[] body) {
        setHeader(HeaderName.CONTENT_TYPE, type.toString());
        bodySource = body.clone();
        bodyFrom = 0;
        bodyLength = body.length;
        bodyChanged = true;
        return self();
    }

    /** Sets a UTF-8 text body with its Content-Type and Content-Length. */
    public B body(MediaType type, String body) {
        return body(type, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Removes the body, its Content-Type and sets Content-Length 0. */
    public B noBody() {
        removeHeaders(HeaderName.CONTENT_TYPE);
        bodySource = NO_BODY;
        bodyFrom = 0;
        bodyLength = 0;
        bodyChanged = true;
        return self();
    }

    /**
     * Sets Content-Length when the body changed or the message has none. A message that came in a datagram may lack
     * it (its body is the rest of the datagram, RFC 3261 §18.3), but what is built from it may leave on a stream,
     * where Content-Length is mandatory (§20.14): a UDP phone's BYE that a proxy forwards over TCP without it is
     * dropped by the far phone (baresip 1.0 closes the connection).
     */
    void finishHeaders() {
        if (bodyChanged || indexOf(HeaderName.CONTENT_LENGTH) < 0) {
            setHeader(HeaderName.CONTENT_LENGTH, Integer.toString(bodyLength));
        }
    }

    int indexOf(HeaderName name) {
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i).known() == name) return i;
        }
        return -1;
    }

    private B popFirstEntry(HeaderName name) {
        int at = indexOf(name);
        if (at < 0) throw new IllegalStateException("no " + name.text() + " to remove");
        List<?> entries = (List<?>) headers.get(at).typed();
        headers.remove(at);
        if (entries.size() > 1) {
            StringBuilder rest = new StringBuilder();
            for (int k = 1; k < entries.size(); k++) {
                if (k > 1) rest.append(", ");
                rest.append(entries.get(k));
            }
            headers.add(at, Header.of(name.text(), rest.toString()));
        }
        return self();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
