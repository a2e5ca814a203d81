package org.sipsocial.sip.transaction;

import static org.sipsocial.sip.transaction.NonInviteServerTransaction.Action.PASS_TO_TU;
import static org.sipsocial.sip.transaction.NonInviteServerTransaction.Action.REPORT_TRANSPORT_ERROR;
import static org.sipsocial.sip.transaction.NonInviteServerTransaction.Action.RESEND_LAST_RESPONSE;
import static org.sipsocial.sip.transaction.NonInviteServerTransaction.Action.SEND_RESPONSE;
import static org.sipsocial.sip.transaction.NonInviteServerTransaction.Action.START_TIMER_J;
import static org.sipsocial.sip.transaction.NonInviteServerTransaction.Event.REQUEST;
import static org.sipsocial.sip.transaction.NonInviteServerTransaction.Event.TIMER_J;
import static org.sipsocial.sip.transaction.NonInviteServerTransaction.Event.TRANSPORT_ERROR;
import static org.sipsocial.sip.transaction.NonInviteServerTransaction.Event.TU_FINAL;
import static org.sipsocial.sip.transaction.NonInviteServerTransaction.Event.TU_PROVISIONAL;
import static org.sipsocial.sip.transaction.NonInviteServerTransaction.State.COMPLETED;
import static org.sipsocial.sip.transaction.NonInviteServerTransaction.State.PROCEEDING;
import static org.sipsocial.sip.transaction.NonInviteServerTransaction.State.TERMINATED;
import static org.sipsocial.sip.transaction.NonInviteServerTransaction.State.TRYING;

import java.time.Duration;
import org.sipsocial.sip.message.SipMessage;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;

/**
 * The non-INVITE server transaction, RFC 3261 §17.2.2 (Figure 8). Retransmitted requests are
 * answered with the last response sent (absorbed while Trying, when there is none yet); Timer J
 * (64*T1, zero on reliable transports) keeps the final response for them; further final responses
 * from the core are discarded. Over UDP the Completed state is kept by {@link CompletedAnswers} rather than by
 * the transaction ({@link #startTimerJ}).
 *
 * <pre>
 *                      |Request received: pass to TU
 *                      V
 *   Trying     --request----------&gt; absorbed                         Trying
 *   Trying     --1xx from TU------&gt; send response                    Proceeding
 *   Trying     --200-699 from TU--&gt; send response, Timer J           Completed
 *   Proceeding --request----------&gt; send last response               Proceeding
 *   Proceeding --1xx from TU------&gt; send response                    Proceeding
 *   Proceeding --200-699 from TU--&gt; send response, Timer J           Completed
 *   Proceeding --transport error--&gt; inform TU                        Terminated
 *   Completed  --request----------&gt; send last response               Completed
 *   Completed  --any from TU------&gt; discarded                        Completed
 *   Completed  --transport error--&gt; inform TU                        Terminated
 *   Completed  --Timer J----------&gt; -                                Terminated
 * </pre>
 */
final class NonInviteServerTransaction extends AbstractServerTransaction<NonInviteServerTransaction.State,
        NonInviteServerTransaction.Event, NonInviteServerTransaction.Action> {

    enum State { TRYING, PROCEEDING, COMPLETED, TERMINATED }

    enum Event { REQUEST, TU_PROVISIONAL, TU_FINAL, TIMER_J, TRANSPORT_ERROR }

    enum Action { PASS_TO_TU, SEND_RESPONSE, RESEND_LAST_RESPONSE, START_TIMER_J, REPORT_TRANSPORT_ERROR }

    static final TransitionTable<State, Event, Action> TABLE =
            TransitionTable.<State, Event, Action>builder("non-INVITE server (RFC 3261 §17.2.2)",
                            State.class, Event.class)
                    .start(TRYING, PASS_TO_TU)
                    .terminal(TERMINATED)
                    .on(TRYING, REQUEST).then(TRYING)
                    .on(TRYING, TU_PROVISIONAL).then(PROCEEDING, SEND_RESPONSE)
                    .on(TRYING, TU_FINAL).then(COMPLETED, SEND_RESPONSE, START_TIMER_J)
                    .on(PROCEEDING, REQUEST).then(PROCEEDING, RESEND_LAST_RESPONSE)
                    .on(PROCEEDING, TU_PROVISIONAL).then(PROCEEDING, SEND_RESPONSE)
                    .on(PROCEEDING, TU_FINAL).then(COMPLETED, SEND_RESPONSE, START_TIMER_J)
                    .on(PROCEEDING, TRANSPORT_ERROR).then(TERMINATED, REPORT_TRANSPORT_ERROR)
                    .on(COMPLETED, REQUEST).then(COMPLETED, RESEND_LAST_RESPONSE)
                    .on(COMPLETED, TU_PROVISIONAL).then(COMPLETED)
                    .on(COMPLETED, TU_FINAL).then(COMPLETED)
                    .on(COMPLETED, TRANSPORT_ERROR).then(TERMINATED, REPORT_TRANSPORT_ERROR)
                    .on(COMPLETED, TIMER_J).then(TERMINATED)
                    .build();

    NonInviteServerTransaction(Environment env, SipRequest request, Hop source, TransactionUser user, ServerKey key,
                               boolean merged, ServerTransaction cancelTarget) {
        super(TABLE, env, request, source, user, key, merged, cancelTarget);
    }

    @Override
    int weight() {
        return 1;
    }

    /** The event a response from the core raises (RFC 3261 §17.2.2). */
    static Event eventFor(SipResponse response) {
        return response.statusCode() < 200 ? TU_PROVISIONAL : TU_FINAL;
    }

    @Override
    public void sendResponse(SipResponse response) {
        fire(eventFor(response), response, null);
    }

    @Override
    void receiveRetransmission(SipRequest retransmission, Hop from) {
        fire(REQUEST, retransmission, from);
    }

    @Override
    void transportError() {
        fire(TRANSPORT_ERROR, null, null);
    }

    @Override
    void perform(Action action, SipMessage message, Hop from) {
        switch (action) {
            case PASS_TO_TU:
                user.onRequest(this);
                break;
            case SEND_RESPONSE:
                sendToTransport((SipResponse) message);
                break;
            case RESEND_LAST_RESPONSE:
                resendLast();
                break;
            case START_TIMER_J:
                startTimerJ();
                break;
            case REPORT_TRANSPORT_ERROR:
                user.onFailure(this, TransactionFailure.TRANSPORT_ERROR);
                break;
            default:
                throw new IllegalStateException("unhandled action " + action);
        }
    }

    /**
     * Timer J: zero on a reliable transport. Over UDP the Completed state's work (answer a retransmission with the
     * final response, until 64*T1) is handed to the table's {@link CompletedAnswers}, and the transaction ends now, as
     * if Timer J had fired: responses the core sends later were discarded in Completed anyway. Only when the answers
     * have no room for it does the transaction itself wait out Timer J, keeping its messages as bytes. The cost: a
     * transport error on that final response, which UDP reports rarely and only after the send, finds no transaction
     * to end, and the core is not told of it; the core has finished with the request by then.
     */
    private void startTimerJ() {
        if (reliable) {
            startTimer(TimerName.J);
        } else if (lastResponse != null && env.registry().keepCompleted(keys().get(0), lastResponse)) {
            startTimer(TimerName.J, Duration.ZERO);
        } else {
            startTimer(TimerName.J);
            linger();
        }
    }

    @Override
    Event timerEvent(TimerName timer) {
        if (timer == TimerName.J) return TIMER_J;
        throw new IllegalArgumentException("no Timer " + timer + " in a non-INVITE server transaction");
    }
}
