package org.sipsocial.routing.proxy;

import org.sipsocial.sip.message.SipResponse;

/**
 * RFC 3261 §16.7 step 6: which final response of several branches goes upstream when none was a 2xx.
 * A 6xx wins; otherwise the lowest class, and within it the lowest code. A 503 chosen this way becomes a 500
 * upstream, since it speaks of a server downstream, not of this proxy.
 */
final class BestResponse {
    private BestResponse() {
    }

    static boolean isBetter(SipResponse candidate, SipResponse best) {
        if (best == null) {
            return true;
        }
        int c = candidate.statusCode();
        int b = best.statusCode();
        boolean c6 = c >= 600;
        boolean b6 = b >= 600;
        if (c6 != b6) {
            return c6;
        }
        return c / 100 != b / 100 ? c / 100 < b / 100 : c < b;
    }
}
