package org.sipsocial.link.portmap;

import java.net.Inet4Address;
import java.util.Optional;

/**
 * What a router sends unasked, to the all-hosts group 224.0.0.1 on the client port 5350 (or to one client): PCP's
 * unsolicited ANNOUNCE response (RFC 6887 §14.1.3), sent when the server starts or loses its state, and NAT-PMP's
 * external address announcement (RFC 6886 §3.2.1), sent when its external address changes and when it starts (§3.7).
 * Either carries the server's epoch (RFC 6887 §8.5, RFC 6886 §3.6), NAT-PMP's also the external address. Pure:
 * the datagram in, the announcement out.
 *
 * @param external the external address a NAT-PMP announcement gives; null for PCP
 */
record GatewayAnnouncement(Dialect dialect, long epoch, Inet4Address external) {
    /** The announcement {@code datagram} is, when it is a successful one of either protocol. */
    static Optional<GatewayAnnouncement> decode(byte[] datagram, int length) {
        if (length < 2) {
            return Optional.empty();
        }
        int version = datagram[0] & 0xFF;
        if (version == PcpCodec.VERSION && PcpCodec.decode(datagram, length) instanceof PcpResponse.Announce announce
                && announce.result() == PcpResult.SUCCESS) {
            return Optional.of(new GatewayAnnouncement(Dialect.PCP, announce.epoch(), null));
        }
        if (version == NatPmpCodec.VERSION
                && NatPmpCodec.decode(datagram, length) instanceof NatPmpResponse.ExternalAddress address
                && address.result() == NatPmpResult.SUCCESS) {
            return Optional.of(new GatewayAnnouncement(Dialect.NAT_PMP, address.epoch(), address.external()));
        }
        return Optional.empty();
    }

    /** Whether {@code datagram} is a PCP ANNOUNCE response, which a client that never asks one gets only unasked. */
    static boolean isPcpAnnounce(byte[] datagram, int length) {
        return length >= 2 && (datagram[0] & 0xFF) == PcpCodec.VERSION
                && (datagram[1] & 0xFF) == (PcpCodec.RESPONSE_BIT | PcpCodec.OP_ANNOUNCE);
    }
}
