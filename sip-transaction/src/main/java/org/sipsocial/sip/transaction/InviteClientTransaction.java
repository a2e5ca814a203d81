package org.sipsocial.sip.transaction;

import org.sipsocial.sip.message.Requests;
import static org.sipsocial.sip.transaction.InviteClientTransaction.Action.PASS_TO_TU;
import static org.sipsocial.sip.transaction.InviteClientTransaction.Action.REPORT_TIMEOUT;
import static org.sipsocial.sip.transaction.InviteClientTransaction.Action.REPORT_TRANSPORT_ERROR;
import static org.sipsocial.sip.transaction.InviteClientTransaction.Action.RESTART_TIMER_A_DOUBLED;
import static org.sipsocial.sip.transaction.InviteClientTransaction.Action.SEND_ACK;
import static org.sipsocial.sip.transaction.InviteClientTransaction.Action.SEND_INVITE;
import static org.sipsocial.sip.transaction.InviteClientTransaction.Action.START_TIMER_A;
import static org.sipsocial.sip.transaction.InviteClientTransaction.Action.START_TIMER_B;
import static org.sipsocial.sip.transaction.InviteClientTransaction.Action.START_TIMER_D;
import static org.sipsocial.sip.transaction.InviteClientTransaction.Action.START_TIMER_M;
import static org.sipsocial.sip.transaction.InviteClientTransaction.Event.FINAL_2XX;
import static org.sipsocial.sip.transaction.InviteClientTransaction.Event.FINAL_300_699;
import static org.sipsocial.sip.transaction.InviteClientTransaction.Event.PROVISIONAL;
import static org.sipsocial.sip.transaction.InviteClientTransaction.Event.TIMER_A;
import static org.sipsocial.sip.transaction.InviteClientTransaction.Event.TIMER_B;
import static org.sipsocial.sip.transaction.InviteClientTransaction.Event.TIMER_D;
import static org.sipsocial.sip.transaction.InviteClientTransaction.Event.TIMER_M;
import static org.sipsocial.sip.transaction.InviteClientTransaction.Event.TRANSPORT_ERROR;
import static org.sipsocial.sip.transaction.InviteClientTransaction.State.ACCEPTED;
import static org.sipsocial.sip.transaction.InviteClientTransaction.State.CALLING;
import static org.sipsocial.sip.transaction.InviteClientTransaction.State.COMPLETED;
import static org.sipsocial.sip.transaction.InviteClientTransaction.State.PROCEEDING;
import static org.sipsocial.sip.transaction.InviteClientTransaction.State.TERMINATED;

import java.time.Duration;
import org.sipsocial.sip.message.SipMessage;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;

/**
 * The INVITE client transaction, RFC 3261 §17.1.1 as corrected by RFC 6026 §7.2 (Figure 5 of
 * RFC 6026): a 2xx moves the transaction to Accepted, where every further 2xx goes to the core,
 * until Timer M. A 300-699 is acknowledged here, with an ACK built by {@link Requests#ackForNon2xx}
 * (§17.1.1.3), and again for every retransmission of it while Completed.
 *
 * <pre>
 *                      |INVITE from TU: send INVITE, Timer A (unreliable only), Timer B
 *                      V
 *   Calling    --Timer A----------&gt; send INVITE, A = 2*A             Calling
 *   Calling    --Timer B----------&gt; inform TU (timeout)             Terminated
 *   Calling    --1xx--------------&gt; to TU                           Proceeding
 *   Calling    --2xx--------------&gt; to TU, Timer M                  Accepted
 *   Calling    --300-699----------&gt; send ACK, to TU, Timer D        Completed
 *   Calling    --transport error--&gt; inform TU                       Terminated
 *   Proceeding --1xx--------------&gt; to TU                           Proceeding
 *   Proceeding --2xx--------------&gt; to TU, Timer M                  Accepted
 *   Proceeding --300-699----------&gt; send ACK, to TU, Timer D        Completed
 *   Completed  --300-699----------&gt; send ACK                        Completed
 *   Completed  --transport error--&gt; inform TU                       Terminated
 *   Completed  --Timer D----------&gt; -                               Terminated
 *   Accepted   --2xx--------------&gt; to TU                           Accepted
 *   Accepted   --Timer M----------&gt; -                               Terminated
 * </pre>
 *
 * <p>Timer M runs 64*T1 from the 2xx, or T4 from the ACK of the 2xx that the core sends when that comes first
 * ({@link #acknowledged}): our reading, for the heap a busy proxy keeps per call.
 */
final class InviteClientTransaction extends Transaction<InviteClientTransaction.State,
        InviteClientTransaction.Event, InviteClientTransaction.Action> implements ClientTransaction, ClientKeyed {

    enum State { CALLING, PROCEEDING, COMPLETED, ACCEPTED, TERMINATED }

    enum Event { PROVISIONAL, FINAL_2XX, FINAL_300_699, TIMER_A, TIMER_B, TIMER_D, TIMER_M, TRANSPORT_ERROR }

    enum Action {
        SEND_INVITE, START_TIMER_A, RESTART_TIMER_A_DOUBLED, START_TIMER_B, START_TIMER_D, START_TIMER_M,
        SEND_ACK, PASS_TO_TU, REPORT_TIMEOUT, REPORT_TRANSPORT_ERROR
    }

    static final TransitionTable<State, Event, Action> TABLE =
            TransitionTable.<State, Event, Action>builder("INVITE client (RFC 3261 §17.1.1, RFC 6026 §7.2)",
                            State.class, Event.class)
                    .start(CALLING, SEND_INVITE, START_TIMER_A, START_TIMER_B)
                    .terminal(TERMINATED)
                    .on(CALLING, TIMER_A).then(CALLING, SEND_INVITE, RESTART_TIMER_A_DOUBLED)
                    .on(CALLING, TIMER_B).then(TERMINATED, REPORT_TIMEOUT)
                    .on(CALLING, PROVISIONAL).then(PROCEEDING, PASS_TO_TU)
                    .on(CALLING, FINAL_2XX).then(ACCEPTED, PASS_TO_TU, START_TIMER_M)
                    .on(CALLING, FINAL_300_699).then(COMPLETED, SEND_ACK, PASS_TO_TU, START_TIMER_D)
                    .on(CALLING, TRANSPORT_ERROR).then(TERMINATED, REPORT_TRANSPORT_ERROR)
                    .on(PROCEEDING, PROVISIONAL).then(PROCEEDING, PASS_TO_TU)
                    .on(PROCEEDING, FINAL_2XX).then(ACCEPTED, PASS_TO_TU, START_TIMER_M)
                    .on(PROCEEDING, FINAL_300_699).then(COMPLETED, SEND_ACK, PASS_TO_TU, START_TIMER_D)
                    .on(COMPLETED, FINAL_300_699).then(COMPLETED, SEND_ACK)
                    .on(COMPLETED, TRANSPORT_ERROR).then(TERMINATED, REPORT_TRANSPORT_ERROR)
                    .on(COMPLETED, TIMER_D).then(TERMINATED)
                    .on(ACCEPTED, FINAL_2XX).then(ACCEPTED, PASS_TO_TU)
                    .on(ACCEPTED, TIMER_M).then(TERMINATED)
                    .build();

    private final Hop hop;
    private final ClientKey key;
    private final ResponseListener listener;
    private Duration timerA;
    private SipRequest ack;
    /** Set on entering Accepted: the key of the ACK that acknowledges its 2xx; and whether that ACK went out. */
    private volatile AckKey ackKey;
    private boolean acknowledged;

    InviteClientTransaction(Environment env, SipRequest invite, Hop hop, ResponseListener listener) {
        super(TABLE, env, invite, hop.reliable());
        this.key = ClientKey.of(invite);
        this.hop = hop;
        this.listener = listener;
    }

    /** The event a response raises (RFC 3261 §17.1.1.2). */
    static Event eventFor(SipResponse response) {
        int code = response.statusCode();
        if (code < 200) return PROVISIONAL;
        return code < 300 ? FINAL_2XX : FINAL_300_699;
    }

    void receive(SipResponse response, Hop from) {
        fire(eventFor(response), response, from);
    }

    void transportError() {
        fire(TRANSPORT_ERROR, null, null);
    }

    @Override
    void perform(Action action, SipMessage message, Hop from) {
        switch (action) {
            case SEND_INVITE:
                send(request(), hop);
                break;
            case START_TIMER_A:
                timerA = startTimer(TimerName.A);
                break;
            case RESTART_TIMER_A_DOUBLED:
                timerA = TimerSettings.times(timerA, 2);
                startTimer(TimerName.A, timerA);
                break;
            case START_TIMER_B:
                startTimer(TimerName.B);
                break;
            case START_TIMER_D:
                startTimer(TimerName.D);
                // Completed resends only the ACK, already built, for the 32 s of Timer D: the INVITE waits as bytes.
                if (!reliable) lingerRequest();
                break;
            case START_TIMER_M:
                // Accepted (RFC 6026 §7.2) only passes further 2xx to the core: the INVITE can wait as bytes.
                startTimer(TimerName.M);
                SipResponse accepted = (SipResponse) message;
                if (accepted.to() != null && accepted.to().tag() != null) {
                    SipRequest invite = request();
                    ackKey = new AckKey(invite.callId(), invite.from().tag(), invite.cSeq().number(), accepted.to().tag());
                    env.registry().accepted(ackKey, this);
                }
                lingerRequest();
                break;
            case SEND_ACK:
                if (ack == null) ack = Requests.ackForNon2xx(request(), (SipResponse) message);
                send(ack, hop);
                break;
            case PASS_TO_TU:
                listener.onResponse(this, (SipResponse) message);
                break;
            case REPORT_TIMEOUT:
                listener.onFailure(this, TransactionFailure.TIMEOUT);
                break;
            case REPORT_TRANSPORT_ERROR:
                listener.onFailure(this, TransactionFailure.TRANSPORT_ERROR);
                break;
            default:
                throw new IllegalStateException("unhandled action " + action);
        }
    }

    @Override
    Event timerEvent(TimerName timer) {
        switch (timer) {
            case A:
                return TIMER_A;
            case B:
                return TIMER_B;
            case D:
                return TIMER_D;
            case M:
                return TIMER_M;
            default:
                throw new IllegalArgumentException("no Timer " + timer + " in an INVITE client transaction");
        }
    }

    /**
     * The ACK of the 2xx this transaction accepted went out (the core sent it with {@link TransactionLayer#sendAck}):
     * Timer M is restarted at T4 instead of running its 64*T1 (32 s). Accepted waits to pass retransmitted 2xx on
     * (RFC 6026 §7.2); the UAS stops them once the ACK reaches it, and T4, the longest a message stays in the
     * network, covers those already on their way (issue 14).
     */
    void acknowledged() {
        onExecutor(() -> {
            if (state() != ACCEPTED || acknowledged) return;
            acknowledged = true;
            startTimer(TimerName.M, env.settings().t4());
        });
    }

    /** The key the ACK of its 2xx will carry, once Accepted; else {@code null}. */
    AckKey ackKey() {
        return ackKey;
    }

    @Override
    void onTerminated() {
        listener.onTerminated(this);
    }

    @Override
    public ClientKey clientKey() {
        return key;
    }

    @Override
    public Hop hop() {
        return hop;
    }
}
