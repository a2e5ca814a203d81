package org.sipsocial.sip.message;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.sipsocial.sip.message.header.AuthHeader;
import org.sipsocial.sip.message.header.MediaType;
import org.sipsocial.sip.message.header.NameAddress;
import org.sipsocial.sip.message.header.ParameterizedValue;

/**
 * Generic and typed access to the headers of a {@link SipMessage} that the parser does not
 * check eagerly: these accessors parse on first use and throw {@link SipSyntaxException} when the
 * header is malformed (answer 400 then).
 */
public abstract class HeaderViews {
    HeaderViews() {
    }

    /** All header fields in order. */
    public abstract List<Header> headers();

    /** The first header with this name (long or compact form, any case), or {@code null}. */
    public Header header(String name) {
        HeaderName known = HeaderName.of(name);
        for (Header h : headers()) {
            if (known != null ? h.known() == known : h.known() == null && h.name().equalsIgnoreCase(name)) return h;
        }
        return null;
    }

    /** The first header of this known name, or {@code null}. */
    public Header header(HeaderName name) {
        return first(name);
    }

    /** The value of the first header with this name, or {@code null}. */
    public String headerValue(String name) {
        Header h = header(name);
        return h == null ? null : h.value();
    }

    /** Every header of this known name, in order. */
    public List<Header> headers(HeaderName name) {
        List<Header> out = new ArrayList<>(2);
        for (Header h : headers()) {
            if (h.known() == name) out.add(h);
        }
        return out;
    }

    /** Content-Type (RFC 3261 §20.15), or {@code null}. */
    public MediaType contentType() {
        return (MediaType) typedOrNull(HeaderName.CONTENT_TYPE);
    }

    /** Require option tags (RFC 3261 §20.32). */
    public List<String> require() {
        return joined(HeaderName.REQUIRE);
    }

    /** Proxy-Require option tags (RFC 3261 §20.29). */
    public List<String> proxyRequire() {
        return joined(HeaderName.PROXY_REQUIRE);
    }

    /** Supported option tags (RFC 3261 §20.37). */
    public List<String> supported() {
        return joined(HeaderName.SUPPORTED);
    }

    /** Unsupported option tags (RFC 3261 §20.40). */
    public List<String> unsupported() {
        return joined(HeaderName.UNSUPPORTED);
    }

    /** Allow methods (RFC 3261 §20.5). */
    public List<String> allow() {
        return joined(HeaderName.ALLOW);
    }

    /** Accept media ranges (RFC 3261 §20.1). */
    public List<MediaType> accept() {
        return joined(HeaderName.ACCEPT);
    }

    /** P-Asserted-Identity entries (RFC 3325 §9.1). */
    public List<NameAddress> pAssertedIdentities() {
        return joined(HeaderName.P_ASSERTED_IDENTITY);
    }

    /** Privacy values (RFC 3323 §4.2). */
    public List<String> privacy() {
        return joined(HeaderName.PRIVACY);
    }

    public List<AuthHeader> wwwAuthenticate() {
        return each(HeaderName.WWW_AUTHENTICATE);
    }

    public List<AuthHeader> proxyAuthenticate() {
        return each(HeaderName.PROXY_AUTHENTICATE);
    }

    public List<AuthHeader> authorization() {
        return each(HeaderName.AUTHORIZATION);
    }

    public List<AuthHeader> proxyAuthorization() {
        return each(HeaderName.PROXY_AUTHORIZATION);
    }

    /** User-Agent (RFC 3261 §20.41), or {@code null}. */
    public String userAgent() {
        return (String) typedOrNull(HeaderName.USER_AGENT);
    }

    /** Server (RFC 3261 §20.35), or {@code null}. */
    public String server() {
        return (String) typedOrNull(HeaderName.SERVER);
    }

    /** Date as written (RFC 3261 §20.17), or {@code null}. */
    public String date() {
        return (String) typedOrNull(HeaderName.DATE);
    }

    /** Date as an instant; empty when absent or not an RFC 1123 date in GMT (RFC 4475 §3.1.2.12). */
    public Optional<ZonedDateTime> dateValue() {
        String d = date();
        if (d == null || !d.endsWith("GMT")) return Optional.empty();
        try {
            return Optional.of(ZonedDateTime.parse(d, DateTimeFormatter.RFC_1123_DATE_TIME));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Event (RFC 6665 §8.2.1), or {@code null}. */
    public ParameterizedValue event() {
        return (ParameterizedValue) typedOrNull(HeaderName.EVENT);
    }

    /** Subscription-State (RFC 6665 §8.2.3), or {@code null}. */
    public ParameterizedValue subscriptionState() {
        return (ParameterizedValue) typedOrNull(HeaderName.SUBSCRIPTION_STATE);
    }

    Header first(HeaderName name) {
        List<Header> hs = headers();
        for (int i = 0; i < hs.size(); i++) {
            if (hs.get(i).known() == name) return hs.get(i);
        }
        return null;
    }

    Object typedOrNull(HeaderName name) {
        Header h = first(name);
        return h == null ? null : h.typed();
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> joined(HeaderName name) {
        List<T> out = null;
        for (Header h : headers()) {
            if (h.known() != name) continue;
            if (out == null) out = new ArrayList<>();
            out.addAll((List<T>) h.typed());
        }
        return out == null ? List.of() : Collections.unmodifiableList(out);
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> each(HeaderName name) {
        List<T> out = new ArrayList<>(1);
        for (Header h : headers()) {
            if (h.known() == name) out.add((T) h.typed());
        }
        return Collections.unmodifiableList(out);
    }
}
