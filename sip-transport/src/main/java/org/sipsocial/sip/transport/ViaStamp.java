package org.sipsocial.sip.transport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.header.Via;

/**
 * What a server transport writes into the top Via of a request it receives, so that the response
 * finds its way back through NATs:
 *
 * <ul>
 * <li>RFC 3261 §18.2.1: "If the host portion of the sent-by parameter contains a domain name, or
 *     if it contains an IP address that differs from the packet source address, the server MUST
 *     add a received parameter to that Via header field value."</li>
 * <li>RFC 3581 §4: when the top Via has {@code rport} with no value, the server sets it to the
 *     request's source port and MUST add {@code received} even when it equals sent-by.</li>
 * </ul>
 *
 * A {@code received} or {@code rport} value the sender wrote itself is overwritten with what the
 * packet shows, so a sender cannot direct responses at a third party.
 */
final class ViaStamp {
    private ViaStamp() {
    }

    /** The request with its top Via stamped, or the same request when nothing needs adding. */
    static SipRequest stamp(SipRequest request, InetSocketAddress source) {
        Via top = request.topVia();
        if (top == null) return request;
        InetAddress sourceAddress = source.getAddress();
        boolean differs = !sourceAddress.equals(IpLiteral.parse(top.host()));
        boolean rport = top.hasRport();
        if (!differs && !rport && top.received() == null) return request;
        String received = IpLiteral.received(sourceAddress);
        Via stamped = rport ? top.withReceivedAndRport(received, source.getPort()) : top.withReceived(received);
        return request.toBuilder().replaceTopVia(stamped).build();
    }
}
