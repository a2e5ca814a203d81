/**
 * Links between sites (issue 6): one TLS 1.3 connection per pair of sites, client authentication in both
 * directions, each side accepting exactly the certificate imported for the site it talks to (DESIGN principle 8:
 * pinned by SHA-256, never off).
 *
 * <pre>
 * SiteLinks        the service: Connect / Disconnect / status / send, one thread for everything
 * LinkMachines     the state machine of each remote site, what each asks of the network, list changes
 * DirectDialler    dials from the link port; a failed dial's events; relay fallback and direct retries (issue 15)
 * LinkReports      what the connections report (LinkEvents), turned into state machine events
 * LinkedSites      the linked sites as other threads read them; the listener told of links up, down, moved
 * LinkEventLog     the administrator's recent event lines and inbound refusals
 * LinkMachine      per remote site: DISCONNECTED, CONNECTING, WAITING_FOR_PEER, CONNECTED, FAILED, as a table;
 *                  connect window, retry interval, backoff; time injected (LinkScheduler, Clock)
 * LinkSockets      the link port; dials leave from it (SO_REUSEADDR + SO_REUSEPORT)
 * LinkConnection   one connection: handshake verdict, link requests, reports (LinkEvents)
 * LinkKeepAlive    a connection's RFC 5626 keep-alive: CRLF pings and pongs, silence, probes again
 * LinkPeer         a connection's other end: its site, where it is (or the relay it is through), its certificate
 * LinkWriter       what a connection writes: its link requests (one CSeq), answers, the layer above's messages
 * LinkFramer       bytes to SIP messages and CRLF keep-alives
 * LinkMessages     the link's OPTIONS requests (probe, connect, disconnect, directory) and their answers
 * LinkDirectory    the directory: our listed users' AORs in pages, the other sites' received, bounded and checked
 * PinnedTrust      the trust decision, inbound and outbound, one instance per handshake
 * LinkTls          a fresh TLS 1.3 engine per connection (no session resumption)
 * LinkFailure      the one failure vocabulary; LinkError renders its status line
 * PinnedSites      the port to the Network Connection list (PinnedSiteList in memory)
 * WantedLinks      the port to what the administrator chose for each link (LinkChoice), kept across restarts
 * ListedUsers      the port to the site's listed users, whose AORs the directory publishes
 * portmap.*        issue 15: the link port mapped on the router by PCP (RFC 6887) or NAT-PMP (RFC 6886);
 *                  PcpCodec and NatPmpCodec are pure, PortMapper the client (time injected), UdpGatewayTransport
 *                  its socket, DefaultGateway the router found in /proc/net/route
 * RelayDialler    issue 15, at an end: after a direct dial gets no answer, asks linked sites to relay; joins
 *                  the relayed links offered to it (RelayLeg: one connection to the relay, then the link's own
 *                  TLS, end to end and pinned, above the relay's)
 * RelayDesk        issue 15, at the relaying site: decides (relay.RelayPolicy), offers, pairs, splices
 *                  (RelaySplice: copies TLS records it cannot read, bounded by relay.ByteRate, checked by
 *                  relay.TlsRecordTap)
 * relay.*          the pure parts of relaying: policy and refusals, the request headers, the rate, the tap
 * </pre>
 */
package org.sipsocial.link;
