package org.sipsocial.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The unboxed int map behaves as a HashMap would, through growth and removals that move entries back. */
class IntMapTest {
    @Test
    void random_puts_gets_and_removes_agree_with_a_hash_map() {
        Random random = new Random(11);
        IntMap<String> map = new IntMap<>();
        Map<Integer, String> expected = new HashMap<>();
        for (int step = 0; step < 200_000; step++) {
            // Few distinct keys, some of them colliding in a small table, and 0 among them.
            int key = random.nextInt(64) * (random.nextBoolean() ? 1 : 1 << 20);
            switch (random.nextInt(3)) {
                case 0 -> assertThat(map.put(key, "v" + step)).isEqualTo(expected.put(key, "v" + step));
                case 1 -> assertThat(map.remove(key)).isEqualTo(expected.remove(key));
                default -> assertThat(map.get(key)).isEqualTo(expected.get(key));
            }
            assertThat(map.size()).isEqualTo(expected.size());
        }
        for (Map.Entry<Integer, String> entry : expected.entrySet()) {
            assertThat(map.get(entry.getKey())).isEqualTo(entry.getValue());
            assertThat(map.containsKey(entry.getKey())).isTrue();
        }
        List<String> values = new ArrayList<>();
        map.forEachValue(values::add);
        assertThat(values).containsExactlyInAnyOrderElementsOf(expected.values());
    }

    @Test
    void keys_that_probe_past_a_removed_one_are_still_found() {
        IntMap<Integer> map = new IntMap<>();
        for (int key = 1; key <= 1000; key++) {
            map.put(key * 8191, key);
        }
        for (int key = 1; key <= 1000; key += 2) {
            assertThat(map.remove(key * 8191)).isEqualTo(key);
        }
        for (int key = 1; key <= 1000; key++) {
            assertThat(map.get(key * 8191)).isEqualTo(key % 2 == 0 ? key : null);
        }
        assertThat(map.size()).isEqualTo(500);
    }

    @Test
    void a_copy_is_independent_of_its_original() {
        IntMap<String> map = new IntMap<>();
        map.put(7, "seven");
        map.put(0, "zero");
        IntMap<String> copy = map.copy();
        map.put(8, "eight");
        map.remove(7);
        map.remove(0);
        assertThat(copy.get(7)).isEqualTo("seven");
        assertThat(copy.get(0)).isEqualTo("zero");
        assertThat(copy.get(8)).isNull();
        assertThat(copy.size()).isEqualTo(2);
        assertThat(map.size()).isEqualTo(1);
    }
}
