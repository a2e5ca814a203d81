package org.sipsocial.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The ring and index of answers that non-INVITE transactions in Completed leave behind (RFC 3261 §17.2.2). */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CompletedAnswersTest {
    private static final long TIMER_J = 32_000_000_000L;
    private final AtomicLong now = new AtomicLong(1_000);

    @Test
    void an_answer_is_found_by_its_key_until_Timer_J_and_not_by_another_key() {
        CompletedAnswers answers = new CompletedAnswers(now::get, TIMER_J, 8, 1 << 20);
        assertThat(answers.keep(bytes("REGISTER\nz9hg4bk-1\n192.0.2.1:5060"), bytes("SIP/2.0 200 OK"))).isTrue();

        assertThat(answers.find(bytes("REGISTER\nz9hg4bk-1\n192.0.2.1:5060"))).isEqualTo(bytes("SIP/2.0 200 OK"));
        assertThat(answers.find(bytes("REGISTER\nz9hg4bk-1\n192.0.2.1:5061"))).isNull();
        assertThat(answers.find(bytes("REGISTER\nz9hg4bk-1\n192.0.2.1:506"))).as("a prefix of the key").isNull();
        now.addAndGet(TIMER_J - 1);
        assertThat(answers.find(bytes("REGISTER\nz9hg4bk-1\n192.0.2.1:5060"))).isNotNull();
        now.addAndGet(1);
        assertThat(answers.find(bytes("REGISTER\nz9hg4bk-1\n192.0.2.1:5060"))).isNull();
    }

    @Test
    void a_key_kept_again_replaces_its_earlier_answer() {
        CompletedAnswers answers = new CompletedAnswers(now::get, TIMER_J, 8, 1 << 20);
        answers.keep(bytes("k"), bytes("first"));
        answers.keep(bytes("k"), bytes("second"));
        assertThat(answers.find(bytes("k"))).isEqualTo(bytes("second"));
        assertThat(answers.bytes()).isEqualTo("k".length() + "second".length());
    }

    @Test
    void the_byte_bound_drops_the_oldest_answers_and_an_answer_larger_than_it_is_refused() {
        CompletedAnswers answers = new CompletedAnswers(now::get, TIMER_J, 64, 30);
        answers.keep(bytes("a"), bytes("0123456789"));
        answers.keep(bytes("b"), bytes("0123456789"));
        answers.keep(bytes("c"), bytes("0123456789"));

        assertThat(answers.find(bytes("a"))).isNull();
        assertThat(answers.find(bytes("b"))).isNotNull();
        assertThat(answers.droppedEarly()).isEqualTo(1);
        assertThat(answers.bytes()).isEqualTo(22);
        assertThat(answers.keep(bytes("d"), new byte[30])).isFalse();
    }

    @Test
    void a_capacity_of_zero_keeps_nothing_and_bounds_are_checked() {
        CompletedAnswers answers = new CompletedAnswers(now::get, TIMER_J, 0, 0);
        assertThat(answers.keep(bytes("k"), bytes("r"))).isFalse();
        assertThat(answers.find(bytes("k"))).isNull();
        assertThatThrownBy(() -> answers.bound(-1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> answers.bound(CompletedAnswers.MAX_CAPACITY + 1, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Random keeps, finds and clock steps on a small ring (so that it wraps, its index probes and shifts back, and
     * both bounds drop answers) must agree with a plain map of the same rules: kept in order, at most the capacity
     * and the bytes, each for Timer J.
     */
    @Test
    void random_keeps_finds_and_time_agree_with_a_plain_model() {
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            int capacity = 1 << (1 + random.nextInt(4));
            long maxBytes = 8 + random.nextInt(200);
            CompletedAnswers answers = new CompletedAnswers(now::get, TIMER_J, capacity, maxBytes);
            Model model = new Model(capacity, maxBytes);
            for (int step = 0; step < 5_000; step++) {
                String key = "k" + random.nextInt(3 * capacity);
                switch (random.nextInt(4)) {
                    case 0, 1 -> {
                        byte[] response = new byte[random.nextInt(12)];
                        random.nextBytes(response);
                        boolean kept = answers.keep(bytes(key), response);
                        assertThat(kept).isEqualTo(model.keep(key, response, now.get()));
                    }
                    case 2 -> assertThat(answers.find(bytes(key))).as("seed %d step %d %s", seed, step, key)
                            .isEqualTo(model.find(key, now.get()));
                    default -> now.addAndGet(random.nextInt(4) * TIMER_J / 8);
                }
            }
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The rules, written plainly: a queue in the order kept, and a map by key. An answer replaced by a later one for
     * its key keeps its place in the queue, and in the count of places, until the queue moves past it.
     */
    private static final class Model {
        private static final class Answer {
            final String key;
            final byte[] response;
            final long at;
            final long size;
            boolean replaced;

            Answer(String key, byte[] response, long at, long size) {
                this.key = key;
                this.response = response;
                this.at = at;
                this.size = size;
            }
        }

        private final int capacity;
        private final long maxBytes;
        private final ArrayDeque<Answer> order = new ArrayDeque<>();
        private final Map<String, Answer> byKey = new HashMap<>();
        private long bytes;

        Model(int capacity, long maxBytes) {
            this.capacity = capacity;
            this.maxBytes = maxBytes;
        }

        boolean keep(String key, byte[] response, long now) {
            long size = key.length() + response.length;
            if (size > maxBytes) return false;
            while (!order.isEmpty() && now - order.peekFirst().at >= TIMER_J) drop();
            Answer old = byKey.remove(key);
            if (old != null) {
                old.replaced = true;
                bytes -= old.size;
            }
            while (order.size() == capacity || bytes + size > maxBytes) drop();
            Answer answer = new Answer(key, response, now, size);
            order.addLast(answer);
            byKey.put(key, answer);
            bytes += size;
            return true;
        }

        byte[] find(String key, long now) {
            Answer answer = byKey.get(key);
            return answer == null || now - answer.at >= TIMER_J ? null : answer.response;
        }

        private void drop() {
            Answer oldest = order.removeFirst();
            if (oldest.replaced) return;
            byKey.remove(oldest.key);
            bytes -= oldest.size;
        }
    }
}
