package org.sipsocial.sip.transaction;

import static org.sipsocial.sip.transaction.Harness.UDP_PEER;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.provider.Arguments;
import org.sipsocial.sip.message.SipRequest;

/** The four machines as {@link TableWalkTest} drives them: how to reach a state, raise an event, and what each action does. */
final class WalkedMachines {
    private static final Duration T1 = Duration.ofMillis(500);
    private static final Duration T2 = Duration.ofSeconds(4);
    private static final Duration T4 = Duration.ofSeconds(5);
    private static final Duration SIXTY_FOUR_T1 = Duration.ofSeconds(32);

    private WalkedMachines() {
    }

    /** How the walk drives one machine and what each of its actions should do. */
    abstract static class WalkedMachine<S extends Enum<S>, E extends Enum<E>, A extends Enum<A>> {
        abstract TransitionTable<S, E, A> table();

        abstract E[] events();

        abstract A[] actions();

        /** A fresh transaction over UDP, brought to {@code state} by real messages. */
        abstract Transaction<S, E, A> reach(Harness h, S state);

        /** Raises {@code event}. */
        abstract void fire(Harness h, Transaction<S, E, A> tx, E event);

        /** Adds what {@code action} should do to {@code expected}. */
        abstract void expect(A action, E event, String lastSent, Effects expected);

        void addCells(List<Arguments> out) {
            for (S state : table().initial().getDeclaringClass().getEnumConstants()) {
                if (state == table().terminal()) continue;
                for (E event : events()) out.add(Arguments.of(this, state, event));
            }
        }

        @Override
        public String toString() {
            return getClass().getSimpleName();
        }
    }

    static final class InviteClient extends WalkedMachine<InviteClientTransaction.State, InviteClientTransaction.Event,
            InviteClientTransaction.Action> {
        private final SipRequest invite = Messages.invite();

        @Override
        TransitionTable<InviteClientTransaction.State, InviteClientTransaction.Event, InviteClientTransaction.Action> table() {
            return InviteClientTransaction.TABLE;
        }

        @Override
        InviteClientTransaction.Event[] events() {
            return InviteClientTransaction.Event.values();
        }

        @Override
        InviteClientTransaction.Action[] actions() {
            return InviteClientTransaction.Action.values();
        }

        @Override
        InviteClientTransaction reach(Harness h, InviteClientTransaction.State state) {
            var tx = (InviteClientTransaction) h.layer.sendRequest(invite, UDP_PEER, h.listener);
            switch (state) {
                case PROCEEDING -> h.layer.onResponse(Messages.received(invite, 180), UDP_PEER);
                case COMPLETED -> h.layer.onResponse(Messages.received(invite, 486), UDP_PEER);
                case ACCEPTED -> h.layer.onResponse(Messages.received(invite, 200), UDP_PEER);
                default -> { }
            }
            return tx;
        }

        @Override
        void fire(Harness h, Transaction<InviteClientTransaction.State, InviteClientTransaction.Event,
                InviteClientTransaction.Action> tx, InviteClientTransaction.Event event) {
            switch (event) {
                case PROVISIONAL -> h.layer.onResponse(Messages.received(invite, 183), UDP_PEER);
                case FINAL_2XX -> h.layer.onResponse(Messages.received(invite, 200), UDP_PEER);
                case FINAL_300_699 -> h.layer.onResponse(Messages.received(invite, 486), UDP_PEER);
                case TRANSPORT_ERROR -> h.layer.onTransportError(h.sender.last());
                default -> tx.fire(event, null, null);
            }
        }

        @Override
        void expect(InviteClientTransaction.Action action, InviteClientTransaction.Event event, String lastSent,
                    Effects e) {
            switch (action) {
                case SEND_INVITE -> e.send("INVITE");
                case SEND_ACK -> e.send("ACK");
                case START_TIMER_A -> e.timer(T1);
                case RESTART_TIMER_A_DOUBLED -> e.timer(T1.multipliedBy(2));
                case START_TIMER_B, START_TIMER_D, START_TIMER_M -> e.timer(SIXTY_FOUR_T1);
                case PASS_TO_TU -> e.core("response " + statusOf(event));
                case REPORT_TIMEOUT -> e.fail(TransactionFailure.TIMEOUT);
                case REPORT_TRANSPORT_ERROR -> e.fail(TransactionFailure.TRANSPORT_ERROR);
            }
        }

        private static int statusOf(InviteClientTransaction.Event event) {
            switch (event) {
                case PROVISIONAL:
                    return 183;
                case FINAL_2XX:
                    return 200;
                default:
                    return 486;
            }
        }
    }

    static final class NonInviteClient extends WalkedMachine<NonInviteClientTransaction.State,
            NonInviteClientTransaction.Event, NonInviteClientTransaction.Action> {
        private final SipRequest options = Messages.options();

        @Override
        TransitionTable<NonInviteClientTransaction.State, NonInviteClientTransaction.Event,
                NonInviteClientTransaction.Action> table() {
            return NonInviteClientTransaction.TABLE;
        }

        @Override
        NonInviteClientTransaction.Event[] events() {
            return NonInviteClientTransaction.Event.values();
        }

        @Override
        NonInviteClientTransaction.Action[] actions() {
            return NonInviteClientTransaction.Action.values();
        }

        @Override
        NonInviteClientTransaction reach(Harness h, NonInviteClientTransaction.State state) {
            var tx = (NonInviteClientTransaction) h.layer.sendRequest(options, UDP_PEER, h.listener);
            switch (state) {
                case PROCEEDING -> h.layer.onResponse(Messages.received(options, 100), UDP_PEER);
                case COMPLETED -> h.layer.onResponse(Messages.received(options, 200), UDP_PEER);
                default -> { }
            }
            return tx;
        }

        @Override
        void fire(Harness h, Transaction<NonInviteClientTransaction.State, NonInviteClientTransaction.Event,
                NonInviteClientTransaction.Action> tx, NonInviteClientTransaction.Event event) {
            switch (event) {
                case PROVISIONAL -> h.layer.onResponse(Messages.received(options, 183), UDP_PEER);
                case FINAL -> h.layer.onResponse(Messages.received(options, 404), UDP_PEER);
                case TRANSPORT_ERROR -> h.layer.onTransportError(options);
                default -> tx.fire(event, null, null);
            }
        }

        @Override
        void expect(NonInviteClientTransaction.Action action, NonInviteClientTransaction.Event event, String lastSent,
                    Effects e) {
            switch (action) {
                case SEND_REQUEST -> e.send("OPTIONS");
                case START_TIMER_E -> e.timer(T1);
                case RESTART_TIMER_E_DOUBLED -> e.timer(T1.multipliedBy(2));
                case RESTART_TIMER_E_AT_T2 -> e.timer(T2);
                case START_TIMER_F -> e.timer(SIXTY_FOUR_T1);
                case START_TIMER_K -> e.timer(T4);
                case PASS_TO_TU -> e.core("response " + (event == NonInviteClientTransaction.Event.PROVISIONAL ? 183 : 404));
                case REPORT_TIMEOUT -> e.fail(TransactionFailure.TIMEOUT);
                case REPORT_TRANSPORT_ERROR -> e.fail(TransactionFailure.TRANSPORT_ERROR);
            }
        }
    }

    static final class InviteServer extends WalkedMachine<InviteServerTransaction.State, InviteServerTransaction.Event,
            InviteServerTransaction.Action> {
        private final SipRequest invite = Messages.invite();
        /** An ACK with the INVITE's branch: what §17.2.3 matches to the transaction in every state. */
        private final SipRequest ack = Messages.request("ACK").toTag(Messages.UAS_TAG).build();

        @Override
        TransitionTable<InviteServerTransaction.State, InviteServerTransaction.Event, InviteServerTransaction.Action> table() {
            return InviteServerTransaction.TABLE;
        }

        @Override
        InviteServerTransaction.Event[] events() {
            return InviteServerTransaction.Event.values();
        }

        @Override
        InviteServerTransaction.Action[] actions() {
            return InviteServerTransaction.Action.values();
        }

        @Override
        InviteServerTransaction reach(Harness h, InviteServerTransaction.State state) {
            h.layer.onRequest(invite, UDP_PEER);
            var tx = (InviteServerTransaction) h.user.last();
            switch (state) {
                case COMPLETED -> tx.sendResponse(Messages.response(invite, 486));
                case CONFIRMED -> {
                    tx.sendResponse(Messages.response(invite, 486));
                    h.layer.onRequest(ack, UDP_PEER);
                }
                case ACCEPTED -> tx.sendResponse(Messages.response(invite, 200));
                default -> { }
            }
            return tx;
        }

        @Override
        void fire(Harness h, Transaction<InviteServerTransaction.State, InviteServerTransaction.Event,
                InviteServerTransaction.Action> tx, InviteServerTransaction.Event event) {
            var server = (InviteServerTransaction) tx;
            switch (event) {
                case INVITE -> h.layer.onRequest(invite, UDP_PEER);
                case ACK -> h.layer.onRequest(ack, UDP_PEER);
                case TU_PROVISIONAL -> server.sendResponse(Messages.response(invite, 180));
                case TU_2XX -> server.sendResponse(Messages.response(invite, 200));
                case TU_300_699 -> server.sendResponse(Messages.response(invite, 486));
                case TRANSPORT_ERROR -> h.layer.onTransportError(h.sender.last());
                default -> tx.fire(event, null, null);
            }
        }

        @Override
        void expect(InviteServerTransaction.Action action, InviteServerTransaction.Event event, String lastSent,
                    Effects e) {
            switch (action) {
                case SEND_100_TRYING -> e.send("100");
                case PASS_INVITE_TO_TU -> e.core("request INVITE");
                case SEND_RESPONSE -> e.send(event == InviteServerTransaction.Event.TU_PROVISIONAL ? "180"
                        : event == InviteServerTransaction.Event.TU_2XX ? "200" : "486");
                case RESEND_LAST_RESPONSE -> e.send(lastSent);
                case START_TIMER_G -> e.timer(T1);
                case RESTART_TIMER_G_DOUBLED -> e.timer(T1.multipliedBy(2));
                case START_TIMER_H, START_TIMER_L -> e.timer(SIXTY_FOUR_T1);
                case START_TIMER_I -> e.timer(T4);
                case PASS_ACK_TO_TU -> e.core("ack");
                case REPORT_NO_ACK -> e.fail(TransactionFailure.NO_ACK);
                case REPORT_TRANSPORT_ERROR -> e.fail(TransactionFailure.TRANSPORT_ERROR);
            }
        }
    }

    static final class NonInviteServer extends WalkedMachine<NonInviteServerTransaction.State,
            NonInviteServerTransaction.Event, NonInviteServerTransaction.Action> {
        private final SipRequest register = Messages.request("REGISTER").build();

        @Override
        TransitionTable<NonInviteServerTransaction.State, NonInviteServerTransaction.Event,
                NonInviteServerTransaction.Action> table() {
            return NonInviteServerTransaction.TABLE;
        }

        @Override
        NonInviteServerTransaction.Event[] events() {
            return NonInviteServerTransaction.Event.values();
        }

        @Override
        NonInviteServerTransaction.Action[] actions() {
            return NonInviteServerTransaction.Action.values();
        }

        @Override
        NonInviteServerTransaction reach(Harness h, NonInviteServerTransaction.State state) {
            // Walked as the transaction runs when it waits out Timer J itself: with answers kept by the table
            // (CompletedAnswers, tested apart), Completed over UDP ends at once.
            h.layer.maxCompletedAnswers(0, 0);
            h.layer.onRequest(register, UDP_PEER);
            var tx = (NonInviteServerTransaction) h.user.last();
            switch (state) {
                case PROCEEDING -> tx.sendResponse(Messages.response(register, 100));
                case COMPLETED -> tx.sendResponse(Messages.response(register, 200));
                default -> { }
            }
            return tx;
        }

        @Override
        void fire(Harness h, Transaction<NonInviteServerTransaction.State, NonInviteServerTransaction.Event,
                NonInviteServerTransaction.Action> tx, NonInviteServerTransaction.Event event) {
            var server = (NonInviteServerTransaction) tx;
            switch (event) {
                case REQUEST -> h.layer.onRequest(register, UDP_PEER);
                case TU_PROVISIONAL -> server.sendResponse(Messages.response(register, 183));
                case TU_FINAL -> server.sendResponse(Messages.response(register, 401));
                case TRANSPORT_ERROR -> {
                    if (h.sender.count() > 0) {
                        h.layer.onTransportError(h.sender.last());
                    } else {
                        tx.fire(event, null, null);
                    }
                }
                default -> tx.fire(event, null, null);
            }
        }

        @Override
        void expect(NonInviteServerTransaction.Action action, NonInviteServerTransaction.Event event, String lastSent,
                    Effects e) {
            switch (action) {
                case PASS_TO_TU -> e.core("request REGISTER");
                case SEND_RESPONSE -> e.send(event == NonInviteServerTransaction.Event.TU_PROVISIONAL ? "183" : "401");
                case RESEND_LAST_RESPONSE -> e.send(lastSent);
                case START_TIMER_J -> e.timer(SIXTY_FOUR_T1);
                case REPORT_TRANSPORT_ERROR -> e.fail(TransactionFailure.TRANSPORT_ERROR);
            }
        }
    }
}
