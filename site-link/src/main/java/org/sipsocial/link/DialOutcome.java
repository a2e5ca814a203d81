package org.sipsocial.link;

import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.net.ConnectException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import javax.net.ssl.SSLException;

/** Reads why a dial did not become a link, from what the dialling side can see. */
final class DialOutcome {
    private DialOutcome() {
    }

    /**
     * @param site          the site dialled
     * @param ours          our certificate (an expired one explains the other side's refusal)
     * @param verdict       our verdict on the server's certificate, or {@code null} when not reached
     * @param greeting      true when TLS was done and the answerer's first probe had not come yet
     * @param asking        true when our connect request was waiting for its answer
     * @param cause         what closed the connection, or {@code null} for a plain close
     * @param timedOut      true when the answer did not come in time
     */
    static LinkError explain(RemoteSite site, X509Certificate ours, TrustVerdict verdict, boolean greeting,
                             boolean asking, Throwable cause, boolean timedOut, Instant now) {
        if (verdict != null && !verdict.isAccepted()) return verdict.error();
        String name = site.name().toString();
        String address = site.hostPort();
        if (timedOut || cause instanceof SslHandshakeTimeoutException) {
            return new LinkError(LinkFailure.NO_ANSWER, name, address, null);
        }
        if (certificateAlert(cause) || greeting) {
            // TLS 1.3: the server judges our certificate after our side of the handshake is done, so its
            // refusal arrives as an alert and close while we wait for its greeting.
            Instant ourExpiry = ours.getNotAfter().toInstant();
            if (now.isAfter(ourExpiry)) return new LinkError(LinkFailure.OUR_CERTIFICATE_EXPIRED, name, address, ourExpiry);
            return new LinkError(LinkFailure.THEY_LACK_OUR_CERTIFICATE, name, address, null);
        }
        if (asking) return new LinkError(LinkFailure.CLOSED_BEFORE_ANSWER, name, address, null);
        return new LinkError(LinkFailure.HANDSHAKE_FAILED, name, address, null);
    }

    /**
     * Why a TCP connect from the link port did not complete: refused (nothing listens), the link port's one
     * 4-tuple to this site already taken (the other site's dial is arriving at our listener: that connection
     * becomes the link, or fails and we dial again), or no answer (timeout, or the path is down).
     */
    static LinkFailure ofConnect(Throwable cause) {
        if (LinkSockets.linkPortUnavailable(cause)) return LinkFailure.ANSWERING_THEIR_DIAL;
        if (cause instanceof ConnectException && String.valueOf(cause.getMessage()).contains("refused")) {
            return LinkFailure.NOTHING_LISTENS;
        }
        return LinkFailure.NO_ANSWER;
    }

    /** True when the peer sent a TLS alert about a certificate (bad_certificate, certificate_unknown, ...). */
    static boolean certificateAlert(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t instanceof SSLException && message.contains("alert") && message.contains("certificate")) return true;
        }
        return false;
    }
}
