package org.sipsocial.sip.transaction;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import org.sipsocial.sip.message.SipMethod;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;
import org.sipsocial.sip.message.header.Via;

/**
 * What identifies a server transaction, RFC 3261 §17.2.3.
 *
 * <p>When the top Via branch starts with the magic cookie {@code z9hG4bK}, a request matches a
 * transaction when the branch, the sent-by of the top Via and the method equal those of the request
 * that created it, ACK standing for INVITE ({@link Rfc3261}). Otherwise (RFC 2543 peers, the last
 * paragraphs of §17.2.3) the Request-URI, To tag, From tag, Call-ID, CSeq and top Via must match,
 * and an ACK matches its INVITE when its To tag is the one of the response the transaction sent
 * ({@link Rfc2543}: the transaction adds that second key when it sends the response).
 *
 * <p>Values compare case-insensitively where RFC 3261 §7.3.1 says header parameters do (branch,
 * host); the Request-URI and the top Via of RFC 2543 requests compare as written, since a
 * retransmission repeats them byte for byte.
 */
sealed interface ServerKey {

    /**
     * The key as bytes that are equal exactly when the keys are: how {@link CompletedAnswers} keeps it. Its fields
     * are joined by a line feed, which none of them can hold (RFC 3261 §25.1: no bare LF in a token, URI or header).
     */
    byte[] bytes();

    /** RFC 3261 matching: branch, sent-by, method (ACK as INVITE). */
    record Rfc3261(String branch, String sentBy, String method) implements ServerKey {
        @Override
        public byte[] bytes() {
            return (method + '\n' + branch + '\n' + sentBy).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** RFC 2543 matching: Request-URI, To tag, From tag, Call-ID, CSeq number and method (ACK as INVITE), top Via. */
    record Rfc2543(String requestUri, String toTag, String fromTag, String callId, long cSeq, String method,
                   String topVia) implements ServerKey {
        /** The key an ACK for the response with this To tag carries. */
        Rfc2543 withToTag(String tag) {
            return new Rfc2543(requestUri, tag, fromTag, callId, cSeq, method, topVia);
        }

        @Override
        public byte[] bytes() {
            // A missing tag is empty: a tag present is never empty (RFC 3261 §25.1, tag-param = "tag" EQUAL token).
            return String.join("\n", "2543", method, requestUri, toTag == null ? "" : toTag, fromTag == null ? "" : fromTag,
                    callId, Long.toString(cSeq), topVia).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The key of the transaction this request belongs to (a new one, or the one it retransmits or acknowledges). */
    static ServerKey of(SipRequest request) {
        String method = request.method();
        return of(request, method.equals(SipMethod.ACK) ? SipMethod.INVITE : method);
    }

    /**
     * The key of the INVITE transaction a CANCEL cancels, RFC 3261 §9.2: the matching of §17.2.3 as if
     * the CANCEL had the INVITE's method.
     */
    static ServerKey ofCancelled(SipRequest cancel) {
        return of(cancel, SipMethod.INVITE);
    }

    /** The key of the transaction that sent this response, or {@code null} when its branch has no magic cookie. */
    static ServerKey ofResponse(SipResponse response) {
        Via via = response.topVia();
        if (via == null || !via.hasRfc3261Branch() || response.cSeq() == null) return null;
        return new Rfc3261(lower(via.branch()), sentBy(via), response.cSeq().method());
    }

    private static ServerKey of(SipRequest request, String method) {
        Via via = Objects.requireNonNull(request.topVia(), "request without Via");
        if (via.hasRfc3261Branch()) return new Rfc3261(lower(via.branch()), sentBy(via), method);
        return new Rfc2543(request.requestUri().toString(), request.to().tag(), request.from().tag(),
                request.callId(), request.cSeq().number(), method, via.toString());
    }

    private static String sentBy(Via via) {
        return lower(via.host()) + ":" + via.port();
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
