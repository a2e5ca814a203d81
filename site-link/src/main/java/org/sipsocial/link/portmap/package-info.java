/**
 * Port mapping on the router in front of the site (issue 15): PCP (RFC 6887) MAP first, NAT-PMP (RFC 6886) when the
 * router speaks only that.
 *
 * <pre>
 * PcpCodec, NatPmpCodec   the packets, pure functions over bytes (PcpResult, NatPmpResult: the RFCs' result codes)
 * PortMapper              the client: rounds of requests, retransmissions, renewal at half the lifetime, deletion
 *                         on stop, the status line; time injected (LinkScheduler, Clock)
 * GatewayTransport        the port to the router's UDP 5351; UdpGatewayTransport the socket and its reader thread
 * DefaultGateway          the router: the default route's gateway in /proc/net/route
 * </pre>
 */
package org.sipsocial.link.portmap;
