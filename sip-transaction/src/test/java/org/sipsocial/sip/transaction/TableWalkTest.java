package org.sipsocial.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Walks every cell (state x event) of the four transaction tables over UDP: the transaction is
 * brought to the state by real messages, the event is raised, and the next state and what the
 * transaction did (messages sent, calls to the core, failures, timers started) must be what the
 * row says; a cell without a row must change nothing. Timers are raised as the scheduler would
 * raise them; their schedules are checked in the tests of each machine.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TableWalkTest {

    static Stream<Arguments> cells() {
        List<Arguments> out = new ArrayList<>();
        for (WalkedMachines.WalkedMachine<?, ?, ?> m : MACHINES) m.addCells(out);
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {1} + {2}")
    @MethodSource("cells")
    <S extends Enum<S>, E extends Enum<E>, A extends Enum<A>> void every_cell_of_every_table_does_what_its_row_says(
            WalkedMachines.WalkedMachine<S, E, A> machine, S state, E event) {
        Harness h = new Harness();
        Transaction<S, E, A> tx = machine.reach(h, state);
        assertThat(tx.state()).as("reached").isEqualTo(state);
        Effects before = Effects.of(h);
        String lastSent = before.sent().isEmpty() ? null : before.sent().get(before.sent().size() - 1);

        machine.fire(h, tx, event);

        TransitionTable.Row<S, E, A> row = machine.table().row(state, event);
        Effects expected = Effects.none();
        if (row != null) {
            for (A action : row.actions()) machine.expect(action, event, lastSent, expected);
        }
        assertThat(tx.state()).isEqualTo(row == null ? state : row.to());
        assertThat(Effects.of(h).since(before)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("machines")
    <S extends Enum<S>, E extends Enum<E>, A extends Enum<A>> void every_machine_starts_with_its_entry_actions(
            WalkedMachines.WalkedMachine<S, E, A> machine) {
        Harness h = new Harness();
        Transaction<S, E, A> tx = machine.reach(h, machine.table().initial());
        Effects expected = Effects.none();
        for (A action : machine.table().entryActions()) machine.expect(action, null, null, expected);
        assertThat(Effects.of(h)).isEqualTo(expected);
        assertThat(tx.state()).isEqualTo(machine.table().initial());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("machines")
    <S extends Enum<S>, E extends Enum<E>, A extends Enum<A>> void every_state_event_and_action_is_used(
            WalkedMachines.WalkedMachine<S, E, A> machine) {
        TransitionTable<S, E, A> table = machine.table();
        EnumSet<S> states = EnumSet.noneOf(table.initial().getDeclaringClass());
        List<Object> events = new ArrayList<>();
        List<Object> actions = new ArrayList<>(table.entryActions());
        for (TransitionTable.Row<S, E, A> r : table.rows()) {
            states.add(r.from());
            states.add(r.to());
            events.add(r.event());
            actions.addAll(r.actions());
        }
        assertThat(states).containsExactlyInAnyOrder(table.initial().getDeclaringClass().getEnumConstants());
        assertThat(events).containsAll(List.of(machine.events()));
        assertThat(actions).containsAll(List.of(machine.actions()));
    }

    static Stream<WalkedMachines.WalkedMachine<?, ?, ?>> machines() {
        return MACHINES.stream();
    }

    @Test
    void a_table_refuses_two_rows_for_one_cell() {
        var b = TransitionTable.<NonInviteServerTransaction.State, NonInviteServerTransaction.Event,
                NonInviteServerTransaction.Action>builder("t", NonInviteServerTransaction.State.class,
                NonInviteServerTransaction.Event.class);
        b.on(NonInviteServerTransaction.State.TRYING, NonInviteServerTransaction.Event.REQUEST)
                .then(NonInviteServerTransaction.State.TRYING);
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                b.on(NonInviteServerTransaction.State.TRYING, NonInviteServerTransaction.Event.REQUEST)
                        .then(NonInviteServerTransaction.State.COMPLETED))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("two rows");
    }

    @Test
    void the_tables_print_as_the_RFC_figures_read() {
        assertThat(InviteClientTransaction.TABLE.toString())
                .contains("CALLING + FINAL_300_699 -> [SEND_ACK, PASS_TO_TU, START_TIMER_D], COMPLETED");
    }

    private static final List<WalkedMachines.WalkedMachine<?, ?, ?>> MACHINES = List.of(
            new WalkedMachines.InviteClient(), new WalkedMachines.NonInviteClient(),
            new WalkedMachines.InviteServer(), new WalkedMachines.NonInviteServer());
}
