package org.sipsocial.media;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A map from int keys to values by open addressing with linear probing: a lookup per packet (SSRC to its SRTP
 * context, channel to its leg) without boxing the key or allocating. Not thread-safe; {@link #copy()} makes a
 * copy to publish to other threads. The key 0 is allowed (kept apart from the table's empty slots).
 */
final class IntMap<V> {
    private int[] keys;
    private Object[] values;
    private int size;
    private V zero;
    private boolean hasZero;

    IntMap() {
        this(8);
    }

    private IntMap(int capacity) {
        keys = new int[capacity];
        values = new Object[capacity];
    }

    int size() {
        return size + (hasZero ? 1 : 0);
    }

    @SuppressWarnings("unchecked")
    V get(int key) {
        if (key == 0) {
            return zero;
        }
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            int k = keys[i];
            if (k == key) {
                return (V) values[i];
            }
            if (k == 0) {
                return null;
            }
        }
    }

    boolean containsKey(int key) {
        return key == 0 ? hasZero : get(key) != null;
    }

    /** Maps {@code key} to {@code value} (not null); returns the value it replaced, or null. */
    @SuppressWarnings("unchecked")
    V put(int key, V value) {
        if (value == null) {
            throw new NullPointerException("IntMap holds no null values");
        }
        if (key == 0) {
            V before = zero;
            zero = value;
            hasZero = true;
            return before;
        }
        if ((size + 1) * 4 > keys.length * 3) {
            resize(keys.length * 2);
        }
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            if (keys[i] == key) {
                V before = (V) values[i];
                values[i] = value;
                return before;
            }
            if (keys[i] == 0) {
                keys[i] = key;
                values[i] = value;
                size++;
                return null;
            }
        }
    }

    /** Removes {@code key}; returns its value, or null when it had none. */
    @SuppressWarnings("unchecked")
    V remove(int key) {
        if (key == 0) {
            V before = zero;
            zero = null;
            hasZero = false;
            return before;
        }
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (keys[i] != key) {
            if (keys[i] == 0) {
                return null;
            }
            i = (i + 1) & mask;
        }
        V before = (V) values[i];
        keys[i] = 0;
        values[i] = null;
        size--;
        // Backward-shift deletion: move up the entries after the hole that would no longer be found past it.
        for (int j = (i + 1) & mask; keys[j] != 0; j = (j + 1) & mask) {
            int home = slot(keys[j], mask);
            boolean movable = i <= j ? (home <= i || home > j) : (home <= i && home > j);
            if (movable) {
                keys[i] = keys[j];
                values[i] = values[j];
                keys[j] = 0;
                values[j] = null;
                i = j;
            }
        }
        return before;
    }

    @SuppressWarnings("unchecked")
    void forEachValue(Consumer<? super V> action) {
        if (hasZero) {
            action.accept(zero);
        }
        for (Object value : values) {
            if (value != null) {
                action.accept((V) value);
            }
        }
    }

    IntMap<V> copy() {
        IntMap<V> copy = new IntMap<>(0);
        copy.keys = Arrays.copyOf(keys, keys.length);
        copy.values = Arrays.copyOf(values, values.length);
        copy.size = size;
        copy.zero = zero;
        copy.hasZero = hasZero;
        return copy;
    }

    private void resize(int capacity) {
        int[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new int[capacity];
        values = new Object[capacity];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                insertFresh(oldKeys[i], oldValues[i]);
            }
        }
    }

    private void insertFresh(int key, Object value) {
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (keys[i] != 0) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
        size++;
    }

    /** SSRCs and channels are random, but spread the bits anyway (a multiplicative hash). */
    private static int slot(int key, int mask) {
        int h = key * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }
}
