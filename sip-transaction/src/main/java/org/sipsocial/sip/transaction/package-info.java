/**
 * The SIP transaction layer, RFC 3261 §17 with the corrections of RFC 6026: four state machines
 * written as tables ({@code InviteClientTransaction}, {@code NonInviteClientTransaction},
 * {@code InviteServerTransaction}, {@code NonInviteServerTransaction}), their timers A-M on an
 * injected {@link org.sipsocial.sip.transaction.TimerService}, and the matching rules of §17.1.3 and
 * §17.2.3 (with the RFC 2543 fallback), §8.2.2.2 (merged requests) and §9.2 (CANCEL).
 *
 * <h2>Wiring</h2>
 * <pre>
 * TransactionLayer layer = new TransactionLayer(sender, TimerService.of(scheduledExecutor),
 *         TimerSettings.DEFAULTS, core);
 * </pre>
 * <ul>
 * <li><b>The transport adapter</b> implements {@link org.sipsocial.sip.transaction.Sender}
 *     ({@code send(request, hop)}, {@code sendResponse(response, requestSource)}) and, for every
 *     parsed message, calls {@link org.sipsocial.sip.transaction.TransactionLayer#onRequest} or
 *     {@link org.sipsocial.sip.transaction.TransactionLayer#onResponse} with the
 *     {@link org.sipsocial.sip.transaction.Hop} it came from (transport, remote address). Before
 *     {@code onRequest} it has done RFC 3261 §18.2.1 ({@code received}, RFC 3581 {@code rport}) and
 *     before {@code onResponse} the sent-by check of §18.1.2. When a send fails it calls
 *     {@link org.sipsocial.sip.transaction.TransactionLayer#onTransportError} with the message.
 *     Calls may come from any thread.</li>
 * <li><b>The core</b> implements {@link org.sipsocial.sip.transaction.TransactionUser}; it gets
 *     each new request with its {@link org.sipsocial.sip.transaction.ServerTransaction} and answers
 *     through it; it sends requests with
 *     {@link org.sipsocial.sip.transaction.TransactionLayer#sendRequest} after choosing the transport
 *     ({@link org.sipsocial.sip.transaction.TransportSelection}) and writing a top Via with a
 *     {@link org.sipsocial.sip.transaction.Branch#create() fresh branch}; ACKs for 2xx go through
 *     {@link org.sipsocial.sip.transaction.TransactionLayer#sendAck}.</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * Transactions live in concurrent maps; each runs its table on a serial executor of its own (tasks
 * run one at a time on the calling thread, no lock held while the core is called), so events for
 * one transaction are handled in order and never at once, whichever threads they come from.
 */
package org.sipsocial.sip.transaction;
