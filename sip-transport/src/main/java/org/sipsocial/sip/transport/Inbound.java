package org.sipsocial.sip.transport;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import org.sipsocial.sip.message.SipMessage;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;

/**
 * A message the transport received and passes up (RFC 3261 §18.1.2, §18.2.1).
 *
 * <p>A request's top Via already carries {@code received} and {@code rport} as RFC 3261 §18.2.1
 * and RFC 3581 §4 require, so a response built from it (RFC 3261 §8.2.6) finds its way back.
 *
 * @param message          the parsed message (a request with its top Via stamped, or a response as received)
 * @param transport        the transport it came on
 * @param remote           the packet source (for streams: the connection's remote address)
 * @param local            the address it was received on
 * @param connection       the connection it came on, or {@code null} for UDP
 * @param peerCertificates the TLS peer's certificate chain, leaf first; empty for UDP, TCP or no client certificate
 */
public record Inbound(SipMessage message, Transport transport, InetSocketAddress remote, InetSocketAddress local,
                      Connection connection, List<X509Certificate> peerCertificates) {
    public Inbound {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(remote, "remote");
        peerCertificates = List.copyOf(peerCertificates);
    }

    public boolean isRequest() {
        return message.isRequest();
    }

    /** The message as a request. @throws ClassCastException when it is a response */
    public SipRequest request() {
        return (SipRequest) message;
    }

    /** The message as a response. @throws ClassCastException when it is a request */
    public SipResponse response() {
        return (SipResponse) message;
    }
}
