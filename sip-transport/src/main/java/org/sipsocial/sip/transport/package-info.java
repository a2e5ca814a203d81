/**
 * SIP over UDP, TCP and TLS (RFC 3261 §18) on Netty: the only part of SIPsocial that touches
 * sockets for signalling.
 *
 * <h2>To the layer above</h2>
 * {@link org.sipsocial.sip.transport.SipTransport} is built with an
 * {@link org.sipsocial.sip.transport.InboundListener} that receives every well-formed message as an
 * {@link org.sipsocial.sip.transport.Inbound} (message, transport, remote and local address, the
 * {@link org.sipsocial.sip.transport.Connection} for TCP/TLS, the TLS peer's certificate chain), and
 * offers {@code send(request, transport, target)} and {@code sendResponse(response)}. No Netty type
 * crosses this boundary; failures are {@link org.sipsocial.sip.transport.TransportException}s
 * carrying a {@link org.sipsocial.sip.transport.TransportFailure}.
 *
 * <h2>What the transport does itself</h2>
 * <ul>
 * <li>Stamps {@code received} / {@code rport} into the top Via of requests (RFC 3261 §18.2.1,
 *     RFC 3581 §4) and routes responses by it (§18.2.2).</li>
 * <li>Frames streams by Content-Length (§18.3); one datagram is one message.</li>
 * <li>Answers or drops refused input in one place ({@code BadInput}).</li>
 * <li>Reuses connections in both directions and honours Via {@code alias} (RFC 5923).</li>
 * <li>CRLF keep-alive (RFC 5626 §3.5.1, §4.4.1) and the idle limit.</li>
 * <li>Bounds everything the network can make it hold ({@link org.sipsocial.sip.transport.TransportLimits})
 *     and counts every limit hit in Micrometer ({@code sip.transport.*}).</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * Network threads (native epoll on Linux, else NIO) run the pipelines and call the listener; the
 * listener must not block. {@code send} and {@code sendResponse} may be called from any thread.
 */
package org.sipsocial.sip.transport;
