package dev.panicattack.signature.datalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Interns values to dense int ids so tuples are compact int rows that compare by id. Long 1 and
 * Double 1.0 get different ids: atoms match values exactly; only comparisons are numeric. Longs,
 * the bulk of timed evidence, are interned without boxing, and those in [0, 2^30 - 4) (times in
 * ms, counts, depths, durations in ns up to a second) need no table at all: their id is
 * {@link #SMALL} plus the value.
 */
final class ValuePool {

    /** Ids from here up encode a small non-negative Long; table ids stay below. */
    private static final int SMALL = 1 << 30;
    /** Exclusive bound of encoded Longs; keeps every id's constant code {@code -(id + 2)} an int. */
    private static final long SMALL_LIMIT = SMALL - 4;

    private final Map<Object, Integer> others = new HashMap<>();
    private final List<Object> values = new ArrayList<>();
    private final BitsTable longs = new BitsTable();
    private final BitsTable doubles = new BitsTable();
    /** Whether any whole-number Double was interned: until then a Long has no Double twin. */
    private boolean wholeDoubles;
    /** Timed evidence repeats its time across consecutive facts: remember the last Long. */
    private long lastLong;
    private int lastLongId = -1;

    int intern(Object value) {
        if (value instanceof Long number) {
            long key = number;
            if (key >= 0 && key < SMALL_LIMIT) {
                return SMALL + (int) key;
            }
            if (key != lastLong || lastLongId < 0) {
                lastLongId = longs.intern(key, value);
                lastLong = key;
            }
            return lastLongId;
        }
        if (value instanceof Double number) {
            double d = number;
            wholeDoubles |= d == Math.rint(d);
            return doubles.intern(Double.doubleToLongBits(d), value);
        }
        Integer id = others.get(value);
        if (id == null) {
            id = newId(value);
            others.put(value, id);
        }
        return id;
    }

    private int newId(Object value) {
        int id = values.size();
        if (id >= SMALL) {
            throw new IllegalStateException("more than " + SMALL + " distinct values in one evaluation; split the "
                    + "evidence or reduce its distinct values");
        }
        values.add(value);
        return id;
    }

    /** The id of {@code value}, or -1 when it was never interned (so no fact can hold it). */
    int idOf(Object value) {
        if (value instanceof Long number) {
            long key = number;
            return key >= 0 && key < SMALL_LIMIT ? SMALL + (int) key : longs.find(key);
        }
        if (value instanceof Double number) {
            return doubles.find(Double.doubleToLongBits(number));
        }
        Integer id = others.get(value);
        return id == null ? -1 : id;
    }

    /**
     * An open-addressing map from 64 bits (a long, or a double's bits) to ids, without boxing. Key
     * and id share one array, side by side, so a probe costs one cache miss rather than two.
     */
    private final class BitsTable {
        private long[] slots = new long[2048];
        private int count;

        int intern(long key, Object value) {
            int mask = (slots.length >> 1) - 1;
            int slot = mix(key) & mask;
            while (slots[2 * slot + 1] != 0) {
                if (slots[2 * slot] == key) {
                    return (int) slots[2 * slot + 1] - 1;
                }
                slot = (slot + 1) & mask;
            }
            int id = newId(value);
            slots[2 * slot] = key;
            slots[2 * slot + 1] = id + 1L;
            if (++count * 4 > slots.length) {
                grow();
            }
            return id;
        }

        int find(long key) {
            int mask = (slots.length >> 1) - 1;
            int slot = mix(key) & mask;
            while (slots[2 * slot + 1] != 0) {
                if (slots[2 * slot] == key) {
                    return (int) slots[2 * slot + 1] - 1;
                }
                slot = (slot + 1) & mask;
            }
            return -1;
        }

        private void grow() {
            long[] old = slots;
            slots = new long[old.length * 2];
            int mask = (slots.length >> 1) - 1;
            for (int i = 0; i < old.length; i += 2) {
                if (old[i + 1] != 0) {
                    int slot = mix(old[i]) & mask;
                    while (slots[2 * slot + 1] != 0) {
                        slot = (slot + 1) & mask;
                    }
                    slots[2 * slot] = old[i];
                    slots[2 * slot + 1] = old[i + 1];
                }
            }
        }
    }

    private static int mix(long value) {
        long h = value * 0x9E3779B97F4A7C15L;
        h ^= h >>> 32;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 29));
    }

    /**
     * The ids of the interned values equal to {@code value} under numeric comparison: the value
     * itself, and its Long or Double twin (and the other zero) when that is exactly equal.
     */
    int[] numericallyEqual(Object value) {
        if (value instanceof Long number && !wholeDoubles) {
            int id = idOf(number);
            return id < 0 ? new int[0] : new int[] {id};
        }
        List<Object> twins = new ArrayList<>(3);
        twins.add(value);
        if (value instanceof Long l) {
            double d = l;
            if (l != Long.MAX_VALUE && (long) d == l) {
                twins.add(d);
            }
            if (l == 0) {
                twins.add(-0.0);
            }
        } else if (value instanceof Double d && !Double.isInfinite(d) && d == Math.rint(d)
                && Math.abs(d) < 0x1p63) {
            twins.add((long) (double) d);
            if (d == 0) {
                twins.add(Double.compare(d, 0.0) == 0 ? -0.0 : 0.0);
            }
        }
        int[] found = new int[twins.size()];
        int count = 0;
        for (Object twin : twins) {
            int id = idOf(twin);
            if (id >= 0) {
                found[count++] = id;
            }
        }
        return count == found.length ? found : Arrays.copyOf(found, count);
    }

    Object value(int id) {
        return id >= SMALL ? (Object) Long.valueOf(id - SMALL) : values.get(id);
    }
}
