/**
 * Port mapping on the router in front of the site (issue 15): PCP (RFC 6887) MAP first, NAT-PMP (RFC 6886) when the
 * router speaks only that, UPnP IGD (UPnP Device Architecture 1.1, WANIPConnection:1/2) when neither answers.
 *
 * <pre>
 * FallbackMapper          the order: PCP, then NAT-PMP (both in PortMapper), then UPnP (UpnpMapper); which one
 *                         mapped, or why none did, in one status line; the turn starts again from PCP
 * PcpCodec, NatPmpCodec   the packets, pure functions over bytes (PcpResult, NatPmpResult: the RFCs' result codes)
 * PortMapper              the PCP/NAT-PMP client: rounds of requests, retransmissions, renewal at half the
 *                         lifetime, deletion on stop, the status line; time injected (LinkScheduler, Clock);
 *                         Dialect names its two protocols
 * RouterReply             what a datagram from the router says to the request in flight (MappingRequest), pure
 * MappedPorts             what the router granted: external address, TCP and UDP ports, dialect, renewal time
 * GatewayEpoch            the router's epoch in every answer (RFC 6887 §8.5, RFC 6886 §3.6): a restart that lost
 *                         the mappings, which PortMapper then makes again at once rather than at the next renewal
 * GatewayAnnouncement     what the router multicasts unasked (PCP ANNOUNCE, RFC 6887 §14.1.3; NAT-PMP's external
 *                         address, RFC 6886 §3.2.1), pure
 * GatewayTransport        the port to the router's UDP 5351; UdpGatewayTransport the socket and its reader thread
 * AnnouncementListener    UDP 5350 joined to 224.0.0.1: what the router multicasts, from the router only
 * SsdpCodec               UPnP's search (M-SEARCH) and its answer's LOCATION, pure
 * IgdDescription          the device description read for its WAN connection service (WanConnection), pure
 * IgdSoap                 the SOAP actions AddPortMapping, AddAnyPortMapping, DeletePortMapping,
 *                         GetExternalIPAddress, and their answers and faults (UpnpException), pure
 * UpnpMapper              the UPnP client: a round searches, asks the external address, maps TCP and UDP,
 *                         renews at half the lease, deletes on stop; time injected
 * UpnpGateway             the port to the router's IGD; HttpUpnpGateway the SSDP socket and the JDK's HttpClient
 * DefaultGateway          the router: the default route's gateway in /proc/net/route
 * </pre>
 *
 * <p>UPnP is written here rather than taken from jupnp (org.jupnp:org.jupnp 3.0.2, which resolves from Maven
 * Central): jupnp is a whole UPnP stack (1.4 MB, 500 classes) that runs its own thread pools and registry
 * maintenance on the wall clock, listens for multicast on every interface and serves HTTP for eventing, none of which
 * a client of three SOAP actions needs, and none of which fits time injected through {@code LinkScheduler} or a site
 * that talks to its default gateway only.
 */
package org.sipsocial.link.portmap;
