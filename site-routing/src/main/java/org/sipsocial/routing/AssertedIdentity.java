package org.sipsocial.routing;

import org.sipsocial.sip.message.HeaderName;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.uri.SipUri;

/**
 * RFC 3325 with each link as its own trust domain: this site asserts the user its phone authenticated as when a
 * request leaves over a link; it keeps an assertion only when it came over a link (whose policy checked it
 * names that site), and removes it from what a phone sent. What goes to a phone carries no assertion when the
 * caller asked for {@code Privacy: id} (RFC 3323 §4.2, RFC 3325 §7).
 */
final class AssertedIdentity {
    private AssertedIdentity() {
    }

    /** A phone's request leaving over a link: the assertion is ours, for the user it authenticated as. */
    static SipRequest assertedBy(SipRequest request, String user, String site) {
        return request.toBuilder().setHeader(HeaderName.P_ASSERTED_IDENTITY, "<" + SipUri.of(user, site, -1) + ">").build();
    }

    /** A phone's request for a phone of this site: a phone asserts nothing. */
    static SipRequest unasserted(SipRequest request) {
        return request.pAssertedIdentities().isEmpty() ? request
                : request.toBuilder().removeHeaders(HeaderName.P_ASSERTED_IDENTITY).build();
    }

    /** A request from a link handed to a phone: the assertion stays unless the caller asked for privacy. */
    static SipRequest forPhone(SipRequest request) {
        boolean privacyId = request.privacy().stream().anyMatch(p -> p.equalsIgnoreCase("id"));
        return privacyId ? unasserted(request) : request;
    }
}
