package org.sipsocial.sip.transaction;

import static org.sipsocial.sip.transaction.InviteServerTransaction.Action.PASS_ACK_TO_TU;
import static org.sipsocial.sip.transaction.InviteServerTransaction.Action.PASS_INVITE_TO_TU;
import static org.sipsocial.sip.transaction.InviteServerTransaction.Action.REPORT_NO_ACK;
import static org.sipsocial.sip.transaction.InviteServerTransaction.Action.REPORT_TRANSPORT_ERROR;
import static org.sipsocial.sip.transaction.InviteServerTransaction.Action.RESEND_LAST_RESPONSE;
import static org.sipsocial.sip.transaction.InviteServerTransaction.Action.RESTART_TIMER_G_DOUBLED;
import static org.sipsocial.sip.transaction.InviteServerTransaction.Action.SEND_100_TRYING;
import static org.sipsocial.sip.transaction.InviteServerTransaction.Action.SEND_RESPONSE;
import static org.sipsocial.sip.transaction.InviteServerTransaction.Action.START_TIMER_G;
import static org.sipsocial.sip.transaction.InviteServerTransaction.Action.START_TIMER_H;
import static org.sipsocial.sip.transaction.InviteServerTransaction.Action.START_TIMER_I;
import static org.sipsocial.sip.transaction.InviteServerTransaction.Action.START_TIMER_L;
import static org.sipsocial.sip.transaction.InviteServerTransaction.Event.ACK;
import static org.sipsocial.sip.transaction.InviteServerTransaction.Event.INVITE;
import static org.sipsocial.sip.transaction.InviteServerTransaction.Event.TIMER_G;
import static org.sipsocial.sip.transaction.InviteServerTransaction.Event.TIMER_H;
import static org.sipsocial.sip.transaction.InviteServerTransaction.Event.TIMER_I;
import static org.sipsocial.sip.transaction.InviteServerTransaction.Event.TIMER_L;
import static org.sipsocial.sip.transaction.InviteServerTransaction.Event.TRANSPORT_ERROR;
import static org.sipsocial.sip.transaction.InviteServerTransaction.Event.TU_2XX;
import static org.sipsocial.sip.transaction.InviteServerTransaction.Event.TU_300_699;
import static org.sipsocial.sip.transaction.InviteServerTransaction.Event.TU_PROVISIONAL;
import static org.sipsocial.sip.transaction.InviteServerTransaction.State.ACCEPTED;
import static org.sipsocial.sip.transaction.InviteServerTransaction.State.COMPLETED;
import static org.sipsocial.sip.transaction.InviteServerTransaction.State.CONFIRMED;
import static org.sipsocial.sip.transaction.InviteServerTransaction.State.PROCEEDING;
import static org.sipsocial.sip.transaction.InviteServerTransaction.State.TERMINATED;

import java.time.Duration;
import java.util.Objects;
import org.sipsocial.sip.message.Responses;
import org.sipsocial.sip.message.SipMessage;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;

/**
 * The INVITE server transaction, RFC 3261 §17.2.1 as corrected by RFC 6026 §7.1 (Figure 7 of
 * RFC 6026). A 2xx from the core moves it to Accepted, where further 2xx from the core (the UAS
 * core's own retransmissions, §13.3.1.4, or a proxy forwarding other forks) go to the wire,
 * retransmissions of the INVITE are absorbed and ACKs go to the core, until Timer L. A 300-699 is
 * retransmitted on Timer G until the ACK comes (Confirmed, then Timer I) or Timer H gives up.
 *
 * <p>Two readings to note. A transport error informs the core and leaves the state as it is, as
 * RFC 6026 Figure 7 draws it (RFC 3261 Figure 7 ended the transaction): the transaction keeps
 * absorbing retransmitted INVITEs, and the core may still answer. Timer H informs the core of the
 * missing ACK, as the text of §17.2.1 requires, though the figure marks it "-".
 *
 * <p>100 (Trying) is sent at once rather than after 200 ms without a response from the core
 * (§17.2.1 allows either; a proxy sends it anyway, §16.2).
 *
 * <pre>
 *                      |INVITE received: send 100 (Trying), pass INVITE to TU
 *                      V
 *   Proceeding --INVITE-----------&gt; send last provisional response   Proceeding
 *   Proceeding --1xx from TU------&gt; send response                    Proceeding
 *   Proceeding --2xx from TU------&gt; send response, Timer L           Accepted
 *   Proceeding --300-699 from TU--&gt; send response, Timer G (unreliable only), Timer H   Completed
 *   Proceeding --transport error--&gt; inform TU                        Proceeding
 *   Completed  --INVITE-----------&gt; send response                    Completed
 *   Completed  --Timer G----------&gt; send response, G = MIN(2*G, T2)  Completed
 *   Completed  --ACK--------------&gt; Timer I                          Confirmed
 *   Completed  --Timer H----------&gt; inform TU (no ACK)               Terminated
 *   Completed  --transport error--&gt; inform TU                        Completed
 *   Confirmed  --ACK, INVITE------&gt; absorbed                         Confirmed
 *   Confirmed  --Timer I----------&gt; -                                Terminated
 *   Accepted   --INVITE-----------&gt; absorbed                         Accepted
 *   Accepted   --2xx from TU------&gt; send response                    Accepted
 *   Accepted   --ACK--------------&gt; to TU                            Accepted
 *   Accepted   --transport error--&gt; inform TU                        Accepted
 *   Accepted   --Timer L----------&gt; -                                Terminated
 * </pre>
 *
 * <p>Timer L runs 64*T1 from the 2xx, or T4 from the ACK of the 2xx when that goes by first ({@link #acknowledged}):
 * our reading, for the heap a busy proxy keeps per call.
 */
final class InviteServerTransaction extends AbstractServerTransaction<InviteServerTransaction.State,
        InviteServerTransaction.Event, InviteServerTransaction.Action> {

    enum State { PROCEEDING, COMPLETED, CONFIRMED, ACCEPTED, TERMINATED }

    enum Event { INVITE, ACK, TU_PROVISIONAL, TU_2XX, TU_300_699, TIMER_G, TIMER_H, TIMER_I, TIMER_L, TRANSPORT_ERROR }

    enum Action {
        SEND_100_TRYING, PASS_INVITE_TO_TU, SEND_RESPONSE, RESEND_LAST_RESPONSE, START_TIMER_G,
        RESTART_TIMER_G_DOUBLED, START_TIMER_H, START_TIMER_I, START_TIMER_L, PASS_ACK_TO_TU, REPORT_NO_ACK,
        REPORT_TRANSPORT_ERROR
    }

    static final TransitionTable<State, Event, Action> TABLE =
            TransitionTable.<State, Event, Action>builder("INVITE server (RFC 3261 §17.2.1, RFC 6026 §7.1)",
                            State.class, Event.class)
                    .start(PROCEEDING, SEND_100_TRYING, PASS_INVITE_TO_TU)
                    .terminal(TERMINATED)
                    .on(PROCEEDING, INVITE).then(PROCEEDING, RESEND_LAST_RESPONSE)
                    .on(PROCEEDING, TU_PROVISIONAL).then(PROCEEDING, SEND_RESPONSE)
                    .on(PROCEEDING, TU_2XX).then(ACCEPTED, SEND_RESPONSE, START_TIMER_L)
                    .on(PROCEEDING, TU_300_699).then(COMPLETED, SEND_RESPONSE, START_TIMER_G, START_TIMER_H)
                    .on(PROCEEDING, TRANSPORT_ERROR).then(PROCEEDING, REPORT_TRANSPORT_ERROR)
                    .on(COMPLETED, INVITE).then(COMPLETED, RESEND_LAST_RESPONSE)
                    .on(COMPLETED, TIMER_G).then(COMPLETED, RESEND_LAST_RESPONSE, RESTART_TIMER_G_DOUBLED)
                    .on(COMPLETED, ACK).then(CONFIRMED, START_TIMER_I)
                    .on(COMPLETED, TIMER_H).then(TERMINATED, REPORT_NO_ACK)
                    .on(COMPLETED, TRANSPORT_ERROR).then(COMPLETED, REPORT_TRANSPORT_ERROR)
                    .on(CONFIRMED, ACK).then(CONFIRMED)
                    .on(CONFIRMED, INVITE).then(CONFIRMED)
                    .on(CONFIRMED, TIMER_I).then(TERMINATED)
                    .on(ACCEPTED, INVITE).then(ACCEPTED)
                    .on(ACCEPTED, TU_2XX).then(ACCEPTED, SEND_RESPONSE)
                    .on(ACCEPTED, ACK).then(ACCEPTED, PASS_ACK_TO_TU)
                    .on(ACCEPTED, TRANSPORT_ERROR).then(ACCEPTED, REPORT_TRANSPORT_ERROR)
                    .on(ACCEPTED, TIMER_L).then(TERMINATED)
                    .build();

    private Duration timerG;
    /** Whether the ACK of the 2xx was seen while Accepted, so that Timer L was shortened once ({@link #acknowledged}). */
    private boolean acknowledged;

    InviteServerTransaction(Environment env, SipRequest invite, Hop source, TransactionUser user, ServerKey key,
                            boolean merged) {
        super(TABLE, env, invite, source, user, key, merged, null);
    }

    /**
     * An INVITE keeps more than a non-INVITE request: its SDP, and a proxy's client transaction and context for it
     * (RFC 6026 Timers L and M, 32 s each, or T4 after the ACK of the 2xx): about 7 kB in all after a call, measured
     * with {@code bench/load}'s calls and a class histogram.
     */
    static final int WEIGHT = 4;

    @Override
    int weight() {
        return WEIGHT;
    }

    /** The event a response from the core raises (RFC 3261 §17.2.1, RFC 6026 §7.1). */
    static Event eventFor(SipResponse response) {
        int code = response.statusCode();
        if (code < 200) return TU_PROVISIONAL;
        return code < 300 ? TU_2XX : TU_300_699;
    }

    @Override
    public void sendResponse(SipResponse response) {
        fire(eventFor(Objects.requireNonNull(response, "response")), response, null);
    }

    @Override
    void receiveRetransmission(SipRequest retransmission, Hop from) {
        fire(INVITE, retransmission, from);
    }

    /**
     * The ACK of the 2xx this transaction accepted went by (a request of its own, RFC 3261 §13.2.2.4, which §17.2.3 does
     * not match here): Timer L is restarted at T4 instead of running its 64*T1 (32 s). Accepted waits so that a
     * retransmitted INVITE is absorbed and a retransmitted 2xx goes upstream (RFC 6026 §7.1); once the caller has
     * acknowledged a 2xx it sends neither, and the callee stops its 2xx on the ACK: T4, the longest a message stays in
     * the network, covers those already on their way (issue 14: a call then keeps its INVITE 5 s, not 32 s).
     */
    void acknowledged() {
        onExecutor(() -> {
            if (state() != ACCEPTED || acknowledged) return;
            acknowledged = true;
            startTimer(TimerName.L, env.settings().t4());
        });
    }

    /** An ACK that §17.2.3 matched to this transaction. */
    void receiveAck(SipRequest ack, Hop from) {
        fire(ACK, ack, from);
    }

    @Override
    void transportError() {
        fire(TRANSPORT_ERROR, null, null);
    }

    @Override
    void perform(Action action, SipMessage message, Hop from) {
        switch (action) {
            case SEND_100_TRYING:
                sendToTransport(Responses.create(request(), 100, "Trying", null).build());
                break;
            case PASS_INVITE_TO_TU:
                user.onRequest(this);
                break;
            case SEND_RESPONSE:
                sendFinalOrProvisional((SipResponse) message);
                // A 2xx the core sends again while Accepted is not kept either (see START_TIMER_L).
                if (state() == ACCEPTED) lastResponse = null;
                break;
            case RESEND_LAST_RESPONSE:
                resendLast();
                break;
            case START_TIMER_G:
                timerG = startTimer(TimerName.G);
                break;
            case RESTART_TIMER_G_DOUBLED:
                timerG = env.settings().doubledUpToT2(timerG);
                startTimer(TimerName.G, timerG);
                break;
            case START_TIMER_H:
                startTimer(TimerName.H);
                break;
            case START_TIMER_I:
                startTimer(TimerName.I);
                // Confirmed only absorbs ACKs (and INVITEs) for T4 and never resends: it keeps the INVITE as bytes and
                // no response (issue 14: for every call a phone makes, the INVITE its 407 challenged waits here).
                if (!reliable) {
                    lingerRequest();
                    lastResponse = null;
                }
                break;
            case START_TIMER_L:
                startTimer(TimerName.L);
                // Accepted absorbs INVITEs and passes 2xx and ACKs on, and never resends a response itself: for the
                // 32 s of Timer L it keeps the INVITE as bytes only and no 2xx at all (the ACK for a 2xx is a
                // transaction of its own and rarely reaches it).
                lingerRequest();
                lastResponse = null;
                break;
            case PASS_ACK_TO_TU:
                user.onAck((SipRequest) message, from);
                break;
            case REPORT_NO_ACK:
                user.onFailure(this, TransactionFailure.NO_ACK);
                break;
            case REPORT_TRANSPORT_ERROR:
                user.onFailure(this, TransactionFailure.TRANSPORT_ERROR);
                break;
            default:
                throw new IllegalStateException("unhandled action " + action);
        }
    }

    /**
     * Sends a response; for a 300-699 to an RFC 2543 INVITE, also files the key its ACK will carry
     * (§17.2.3: the ACK's To tag is the one of this response).
     */
    private void sendFinalOrProvisional(SipResponse response) {
        sendToTransport(response);
        if (response.statusCode() >= 300 && keys().get(0) instanceof ServerKey.Rfc2543 first) {
            String tag = response.to() == null ? null : response.to().tag();
            if (!Objects.equals(tag, first.toTag())) env.registry().alias(first.withToTag(tag), this);
        }
    }

    @Override
    Event timerEvent(TimerName timer) {
        switch (timer) {
            case G:
                return TIMER_G;
            case H:
                return TIMER_H;
            case I:
                return TIMER_I;
            case L:
                return TIMER_L;
            default:
                throw new IllegalArgumentException("no Timer " + timer + " in an INVITE server transaction");
        }
    }
}
