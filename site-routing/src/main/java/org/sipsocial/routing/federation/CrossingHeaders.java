package org.sipsocial.routing.federation;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import org.sipsocial.sip.message.Header;
import org.sipsocial.sip.message.HeaderName;

/**
 * The headers that may cross a link: an allow-list, so that a header nobody thought of stays home. What a
 * dialog, a transaction, a body and the extensions we pass through (100rel, UPDATE, session timers, events,
 * REFER, RFC 3325 identity, RFC 3323 privacy) need crosses; what describes a device or the site's network
 * (User-Agent, Server, Warning, Path, Organization, Call-Info, ...) and credentials for this site do not.
 */
final class CrossingHeaders {
    private static final Set<HeaderName> KNOWN = EnumSet.of(
            HeaderName.VIA, HeaderName.FROM, HeaderName.TO, HeaderName.CALL_ID, HeaderName.CSEQ,
            HeaderName.MAX_FORWARDS, HeaderName.CONTACT, HeaderName.ROUTE, HeaderName.RECORD_ROUTE,
            HeaderName.EXPIRES, HeaderName.CONTENT_TYPE, HeaderName.CONTENT_LENGTH, HeaderName.CONTENT_ENCODING,
            HeaderName.REQUIRE, HeaderName.PROXY_REQUIRE, HeaderName.SUPPORTED, HeaderName.UNSUPPORTED,
            HeaderName.ALLOW, HeaderName.ACCEPT, HeaderName.P_ASSERTED_IDENTITY, HeaderName.PRIVACY,
            HeaderName.EVENT, HeaderName.SUBSCRIPTION_STATE, HeaderName.SUBJECT, HeaderName.REFER_TO,
            HeaderName.REFERRED_BY, HeaderName.ALLOW_EVENTS, HeaderName.SESSION_EXPIRES, HeaderName.TIMESTAMP,
            HeaderName.DATE);

    /** Headers the codec does not name, by their lower-case name. */
    private static final Set<String> OTHER = Set.of(
            "rseq", "rack", "reason", "retry-after", "min-se", "min-expires", "content-disposition",
            "content-language", "accept-encoding", "accept-language", "mime-version", "priority", "in-reply-to",
            "replaces", "refer-sub", "target-dialog", "sip-etag", "sip-if-match", "recv-info", "info-package");

    private CrossingHeaders() {
    }

    static boolean crosses(Header header) {
        HeaderName known = header.known();
        return known != null ? KNOWN.contains(known) : OTHER.contains(header.name().toLowerCase(Locale.ROOT));
    }
}
