package org.sipsocial.routing.auth;

import java.util.Locale;

import org.sipsocial.sip.message.HeaderName;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipSyntaxException;
import org.sipsocial.sip.message.uri.SipUri;

/**
 * One phone of one user, as far as a site can tell before it has authenticated anything: the user its From
 * names (RFC 3261 §20.20; a REGISTER's From is the registering user) and the product its User-Agent header
 * names (§20.41), or {@code ""} when it sends none. Two phones of one user that run the same software are one
 * device here, which is what the site needs: they answer digest challenges alike.
 */
public record PhoneDevice(String user, String userAgent) {

    public static PhoneDevice of(SipRequest request) {
        String user = "";
        try {
            if (request.from().uri() instanceof SipUri uri && uri.user() != null) {
                user = uri.user().toLowerCase(Locale.ROOT);
            }
        } catch (SipSyntaxException e) {
            user = "";
        }
        var agent = request.header(HeaderName.USER_AGENT);
        return new PhoneDevice(user, agent == null ? "" : agent.value().trim());
    }

    /** How a log line names it: {@code alice's phone "baresip v1.0.0 (x86_64/linux)"}. */
    public String describe() {
        return (user.isEmpty() ? "a phone" : user + "'s phone") + " \"" + (userAgent.isEmpty() ? "no User-Agent" : userAgent) + "\"";
    }
}
