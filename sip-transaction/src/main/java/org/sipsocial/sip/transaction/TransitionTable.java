package org.sipsocial.sip.transaction;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A state machine written as a table (design principle 5): each row reads
 * {@code (state, event) -> actions, next state}. The machine starts in an initial state, having done
 * the entry actions (the arrow into the top state of the RFC's figures). An event with no row in
 * the current state is ignored: that is how RFC 3261 §17 treats a timer that is no longer relevant
 * (Timer B in Proceeding) or a message the state does not expect. Rows that absorb a message on
 * purpose are written out with no actions, so the table shows them.
 *
 * @param <S> the states, named as in the RFC
 * @param <E> the events: messages, the TU's responses, timers, transport errors
 * @param <A> the actions
 */
final class TransitionTable<S extends Enum<S>, E extends Enum<E>, A extends Enum<A>> {

    /** One row: in {@code from}, on {@code event}, do {@code actions} and go to {@code to}. */
    record Row<S, E, A>(S from, E event, List<A> actions, S to) {
        @Override
        public String toString() {
            return from + " + " + event + " -> " + actions + ", " + to;
        }
    }

    private final String name;
    private final S initial;
    private final List<A> entryActions;
    private final S terminal;
    private final Map<S, Map<E, Row<S, E, A>>> rows;
    private final List<Row<S, E, A>> rowList;

    private TransitionTable(Builder<S, E, A> b) {
        this.name = b.name;
        this.initial = b.initial;
        this.entryActions = b.entryActions;
        this.terminal = b.terminal;
        this.rows = b.rows;
        this.rowList = Collections.unmodifiableList(new ArrayList<>(b.rowList));
    }

    static <S extends Enum<S>, E extends Enum<E>, A extends Enum<A>> Builder<S, E, A> builder(
            String name, Class<S> states, Class<E> events) {
        return new Builder<>(name, states, events);
    }

    String name() {
        return name;
    }

    S initial() {
        return initial;
    }

    List<A> entryActions() {
        return entryActions;
    }

    /** The state in which the transaction is destroyed (RFC 3261 §17.1.1.2: "the instant it enters"). */
    S terminal() {
        return terminal;
    }

    /** The row for {@code event} in {@code state}, or {@code null} when the event is ignored there. */
    Row<S, E, A> row(S state, E event) {
        Map<E, Row<S, E, A>> byEvent = rows.get(state);
        return byEvent == null ? null : byEvent.get(event);
    }

    /** Every row, in the order written. */
    List<Row<S, E, A>> rows() {
        return rowList;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(name).append(": start ").append(entryActions).append(", ")
                .append(initial).append('\n');
        for (Row<S, E, A> r : rowList) b.append("  ").append(r).append('\n');
        return b.toString();
    }

    static final class Builder<S extends Enum<S>, E extends Enum<E>, A extends Enum<A>> {
        private final String name;
        private final Class<E> events;
        private final Map<S, Map<E, Row<S, E, A>>> rows;
        private final List<Row<S, E, A>> rowList = new ArrayList<>();
        private S initial;
        private List<A> entryActions;
        private S terminal;

        private Builder(String name, Class<S> states, Class<E> events) {
            this.name = name;
            this.events = events;
            this.rows = new EnumMap<>(states);
        }

        @SafeVarargs
        final Builder<S, E, A> start(S state, A... actions) {
            this.initial = state;
            List<A> list = new ArrayList<>(actions.length);
            for (A action : actions) list.add(action);
            this.entryActions = Collections.unmodifiableList(list);
            return this;
        }

        Builder<S, E, A> terminal(S state) {
            this.terminal = state;
            return this;
        }

        /** Begins a row: {@code .on(state, event).then(next, actions...)}. */
        RowBuilder on(S from, E event) {
            return new RowBuilder(from, event);
        }

        TransitionTable<S, E, A> build() {
            Objects.requireNonNull(initial, "start state");
            Objects.requireNonNull(terminal, "terminal state");
            if (rows.containsKey(terminal)) throw new IllegalStateException(name + ": rows leave the terminal state");
            return new TransitionTable<>(this);
        }

        final class RowBuilder {
            private final S from;
            private final E event;

            private RowBuilder(S from, E event) {
                this.from = from;
                this.event = event;
            }

            @SafeVarargs
            final Builder<S, E, A> then(S to, A... actions) {
                Map<E, Row<S, E, A>> byEvent = rows.computeIfAbsent(from, s -> new EnumMap<>(events));
                List<A> list = new ArrayList<>(actions.length);
                for (A action : actions) list.add(action);
                Row<S, E, A> row = new Row<>(from, event, Collections.unmodifiableList(list), to);
                if (byEvent.putIfAbsent(event, row) != null) {
                    throw new IllegalStateException(name + ": two rows for " + from + " + " + event);
                }
                rowList.add(row);
                return Builder.this;
            }
        }
    }
}
