package org.sipsocial.link.portmap;

import java.net.Inet4Address;
import java.util.Arrays;

/**
 * What a datagram from the router says to the {@link MappingRequest} in flight: nothing (not its answer), that the
 * router speaks only NAT-PMP (RFC 6887 §9), or the answer, in either dialect. Read by the {@link PortMapper}.
 */
sealed interface RouterReply {
    /** Not an answer to the request in flight ({@code datagram}: what it was decoded as), ignored. */
    record Ignored(Object datagram) implements RouterReply {
    }

    /**
     * RFC 6887 §9: asked in PCP, the router answered as a NAT-PMP server does (version 0, result 1 "Unsupported
     * Version") or with a MAP whose result is UNSUPP_VERSION: it speaks an older version only; RFC 6886 is the one
     * before PCP.
     */
    record OlderVersion() implements RouterReply {
    }

    /**
     * The answer to the request in flight, with the router's epoch (RFC 6887 §8.5, RFC 6886 §3.6).
     *
     * @param result          the result's text, for a refusal
     * @param namesExternal   whether the answer says the external address ({@code external}, null when it names no
     *                        IPv4 one): PCP's MAP (RFC 6887 §11.1) and NAT-PMP's opcode 0 (RFC 6886 §3.2) do
     * @param protocol        what it granted a mapping of (null: NAT-PMP's external address), with the external
     *                        port and the lifetime granted (RFC 6886 §3.3, RFC 6887 §11.1)
     */
    record Answer(long epoch, boolean success, String result, boolean namesExternal, Inet4Address external,
            MappedProtocol protocol, int externalPort, long lifetime) implements RouterReply {
    }

    /** Reads {@code datagram} (at least 4 bytes) as a reply to {@code pending}, which maps {@code internalPort}. */
    static RouterReply to(MappingRequest pending, byte[] datagram, int length, byte[] nonce, int internalPort) {
        return pending.dialect() == Dialect.PCP ? toPcp(pending, datagram, length, nonce, internalPort)
                : toNatPmp(pending, datagram, length);
    }

    private static RouterReply toPcp(MappingRequest pending, byte[] datagram, int length, byte[] nonce, int internalPort) {
        int version = datagram[0] & 0xFF;
        boolean natPmpServer = version == NatPmpCodec.VERSION && NatPmpResult.of(((datagram[2] & 0xFF) << 8) | (datagram[3] & 0xFF))
                == NatPmpResult.UNSUPPORTED_VERSION;
        PcpResponse response = PcpCodec.decode(datagram, length);
        if (natPmpServer || response instanceof PcpResponse.Map map && map.result() == PcpResult.UNSUPP_VERSION) {
            return new OlderVersion();
        }
        if (!(response instanceof PcpResponse.Map map) || !answers(map, pending, nonce, internalPort)) {
            return new Ignored(response);
        }
        return new Answer(map.epoch(), map.result() == PcpResult.SUCCESS, map.result().text(), true, map.external(),
                map.protocol(), map.externalPort(), map.lifetime());
    }

    /** RFC 6887 §11.4: a MAP response answers the request whose nonce, protocol and internal port it carries. */
    private static boolean answers(PcpResponse.Map map, MappingRequest pending, byte[] nonce, int internalPort) {
        if (map.nonce() == null) {
            return map.result() != PcpResult.SUCCESS;
        }
        return Arrays.equals(map.nonce(), nonce) && map.protocol() == pending.protocol() && map.internalPort() == internalPort;
    }

    private static RouterReply toNatPmp(MappingRequest pending, byte[] datagram, int length) {
        NatPmpResponse response = NatPmpCodec.decode(datagram, length);
        if (response.opcode() != pending.natPmpResponseOpcode()) {
            return new Ignored(response);
        }
        if (response instanceof NatPmpResponse.ExternalAddress answer) {
            return new Answer(answer.epoch(), answer.result() == NatPmpResult.SUCCESS, answer.result().text(), true,
                    answer.external(), null, 0, 0);
        }
        NatPmpResponse.Mapping answer = (NatPmpResponse.Mapping) response;
        return new Answer(answer.epoch(), answer.result() == NatPmpResult.SUCCESS, answer.result().text(), false, null,
                answer.protocol(), answer.externalPort(), answer.lifetime());
    }
}
