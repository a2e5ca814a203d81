package org.sipsocial.routing.registrar;

import java.net.InetSocketAddress;

/**
 * Where a request came from: the transport and the address the packets arrived from (after any NAT).
 * A phone's registration remembers its flow, so that requests for it can go back the way it came
 * (RFC 5626 §5.3 for outbound flows; the packets' source for phones behind a NAT).
 */
public record Flow(String transport, InetSocketAddress remote) {
}
