package org.sipsocial.sip.transaction;

import static org.sipsocial.sip.transaction.NonInviteClientTransaction.Action.PASS_TO_TU;
import static org.sipsocial.sip.transaction.NonInviteClientTransaction.Action.REPORT_TIMEOUT;
import static org.sipsocial.sip.transaction.NonInviteClientTransaction.Action.REPORT_TRANSPORT_ERROR;
import static org.sipsocial.sip.transaction.NonInviteClientTransaction.Action.RESTART_TIMER_E_AT_T2;
import static org.sipsocial.sip.transaction.NonInviteClientTransaction.Action.RESTART_TIMER_E_DOUBLED;
import static org.sipsocial.sip.transaction.NonInviteClientTransaction.Action.SEND_REQUEST;
import static org.sipsocial.sip.transaction.NonInviteClientTransaction.Action.START_TIMER_E;
import static org.sipsocial.sip.transaction.NonInviteClientTransaction.Action.START_TIMER_F;
import static org.sipsocial.sip.transaction.NonInviteClientTransaction.Action.START_TIMER_K;
import static org.sipsocial.sip.transaction.NonInviteClientTransaction.Event.FINAL;
import static org.sipsocial.sip.transaction.NonInviteClientTransaction.Event.PROVISIONAL;
import static org.sipsocial.sip.transaction.NonInviteClientTransaction.Event.TIMER_E;
import static org.sipsocial.sip.transaction.NonInviteClientTransaction.Event.TIMER_F;
import static org.sipsocial.sip.transaction.NonInviteClientTransaction.Event.TIMER_K;
import static org.sipsocial.sip.transaction.NonInviteClientTransaction.Event.TRANSPORT_ERROR;
import static org.sipsocial.sip.transaction.NonInviteClientTransaction.State.COMPLETED;
import static org.sipsocial.sip.transaction.NonInviteClientTransaction.State.PROCEEDING;
import static org.sipsocial.sip.transaction.NonInviteClientTransaction.State.TERMINATED;
import static org.sipsocial.sip.transaction.NonInviteClientTransaction.State.TRYING;

import java.time.Duration;
import org.sipsocial.sip.message.SipMessage;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;

/**
 * The non-INVITE client transaction, RFC 3261 §17.1.2 (Figure 6). Timer E retransmits at T1,
 * 2*T1, ... up to T2 while Trying, and at T2 while Proceeding; Timer F ends it after 64*T1 without
 * a final response; Timer K (T4, zero on reliable transports) absorbs retransmitted final responses.
 *
 * <pre>
 *                      |Request from TU: send request, Timer E (unreliable only), Timer F
 *                      V
 *   Trying     --Timer E----------&gt; send request, E = MIN(2*E, T2)   Trying
 *   Trying     --Timer F----------&gt; inform TU (timeout)              Terminated
 *   Trying     --1xx--------------&gt; to TU                            Proceeding
 *   Trying     --200-699----------&gt; to TU, Timer K                   Completed
 *   Trying     --transport error--&gt; inform TU                        Terminated
 *   Proceeding --Timer E----------&gt; send request, E = T2             Proceeding
 *   Proceeding --Timer F----------&gt; inform TU (timeout)              Terminated
 *   Proceeding --1xx--------------&gt; to TU                            Proceeding
 *   Proceeding --200-699----------&gt; to TU, Timer K                   Completed
 *   Proceeding --transport error--&gt; inform TU                        Terminated
 *   Completed  --1xx, 200-699-----&gt; absorbed                         Completed
 *   Completed  --Timer K----------&gt; -                                Terminated
 * </pre>
 */
final class NonInviteClientTransaction extends Transaction<NonInviteClientTransaction.State,
        NonInviteClientTransaction.Event, NonInviteClientTransaction.Action> implements ClientTransaction, ClientKeyed {

    enum State { TRYING, PROCEEDING, COMPLETED, TERMINATED }

    enum Event { PROVISIONAL, FINAL, TIMER_E, TIMER_F, TIMER_K, TRANSPORT_ERROR }

    enum Action {
        SEND_REQUEST, START_TIMER_E, RESTART_TIMER_E_DOUBLED, RESTART_TIMER_E_AT_T2, START_TIMER_F, START_TIMER_K,
        PASS_TO_TU, REPORT_TIMEOUT, REPORT_TRANSPORT_ERROR
    }

    static final TransitionTable<State, Event, Action> TABLE =
            TransitionTable.<State, Event, Action>builder("non-INVITE client (RFC 3261 §17.1.2)",
                            State.class, Event.class)
                    .start(TRYING, SEND_REQUEST, START_TIMER_E, START_TIMER_F)
                    .terminal(TERMINATED)
                    .on(TRYING, TIMER_E).then(TRYING, SEND_REQUEST, RESTART_TIMER_E_DOUBLED)
                    .on(TRYING, TIMER_F).then(TERMINATED, REPORT_TIMEOUT)
                    .on(TRYING, PROVISIONAL).then(PROCEEDING, PASS_TO_TU)
                    .on(TRYING, FINAL).then(COMPLETED, PASS_TO_TU, START_TIMER_K)
                    .on(TRYING, TRANSPORT_ERROR).then(TERMINATED, REPORT_TRANSPORT_ERROR)
                    .on(PROCEEDING, TIMER_E).then(PROCEEDING, SEND_REQUEST, RESTART_TIMER_E_AT_T2)
                    .on(PROCEEDING, TIMER_F).then(TERMINATED, REPORT_TIMEOUT)
                    .on(PROCEEDING, PROVISIONAL).then(PROCEEDING, PASS_TO_TU)
                    .on(PROCEEDING, FINAL).then(COMPLETED, PASS_TO_TU, START_TIMER_K)
                    .on(PROCEEDING, TRANSPORT_ERROR).then(TERMINATED, REPORT_TRANSPORT_ERROR)
                    .on(COMPLETED, PROVISIONAL).then(COMPLETED)
                    .on(COMPLETED, FINAL).then(COMPLETED)
                    .on(COMPLETED, TIMER_K).then(TERMINATED)
                    .build();

    private final Hop hop;
    private final ClientKey key;
    private final ResponseListener listener;
    private Duration timerE;

    NonInviteClientTransaction(Environment env, SipRequest request, Hop hop, ResponseListener listener) {
        super(TABLE, env, request, hop.reliable());
        this.key = ClientKey.of(request);
        this.hop = hop;
        this.listener = listener;
    }

    /** The event a response raises (RFC 3261 §17.1.2.2). */
    static Event eventFor(SipResponse response) {
        return response.statusCode() < 200 ? PROVISIONAL : FINAL;
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
            case SEND_REQUEST:
                send(request(), hop);
                break;
            case START_TIMER_E:
                timerE = startTimer(TimerName.E);
                break;
            case RESTART_TIMER_E_DOUBLED:
                timerE = env.settings().doubledUpToT2(timerE);
                startTimer(TimerName.E, timerE);
                break;
            case RESTART_TIMER_E_AT_T2:
                timerE = env.settings().t2();
                startTimer(TimerName.E, timerE);
                break;
            case START_TIMER_F:
                startTimer(TimerName.F);
                break;
            case START_TIMER_K:
                startTimer(TimerName.K);
                // Completed only absorbs retransmitted responses for T4: the request waits as bytes (issue 14).
                if (!reliable) lingerRequest();
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
            case E:
                return TIMER_E;
            case F:
                return TIMER_F;
            case K:
                return TIMER_K;
            default:
                throw new IllegalArgumentException("no Timer " + timer + " in a non-INVITE client transaction");
        }
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
