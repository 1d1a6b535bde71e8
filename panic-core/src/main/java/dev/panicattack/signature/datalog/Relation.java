package dev.panicattack.signature.datalog;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * The tuples of one predicate as rows of interned ids in one flat array, deduplicated by an
 * open-addressing hash set (built lazily for appended input, see {@link #append}). Rows are never
 * removed, so a row number is a stable handle and a range of rows is a semi-naive delta. Hash
 * indexes on bound positions are built on first use and caught up lazily as rows are added.
 */
final class Relation {

    private static final int[] NO_PREMISES = new int[0];

    final String predicate;
    final int arity;
    private int[] data;
    private int size;
    private int[] table;
    /** Rows below this are in {@link #table} (or marked duplicate). */
    private int hashed;
    private BitSet duplicates;
    private int[] ranks;
    private int[][] provenance;
    private final Map<Integer, Index> indexes = new HashMap<>();
    /** Semi-naive window: rows below deltaLo are old, rows in [deltaLo, deltaHi) are the delta. */
    int deltaLo;
    int deltaHi;

    Relation(String predicate, int arity) {
        this.predicate = predicate;
        this.arity = arity;
        this.data = new int[Math.max(arity, 1) * 16];
        this.table = new int[32];
        this.ranks = new int[16];
        this.provenance = new int[16][];
    }

    int size() {
        return size;
    }

    int value(int row, int position) {
        return data[row * arity + position];
    }

    int rank(int row) {
        return ranks[row];
    }

    /** {@code [ruleId, premise rows...]} for a derived row; null for an input row. */
    int[] provenance(int row) {
        return provenance[row];
    }

    int[] row(int row) {
        return Arrays.copyOfRange(data, row * arity, row * arity + arity);
    }

    /**
     * Appends an input tuple without looking for a duplicate: evidence is rarely duplicated, and
     * many input relations are never looked up by whole tuple, so hashing waits until it is
     * needed ({@link #ensureHashed}). A duplicate row then stays as a dead row that only repeats
     * join matches; {@link #duplicate} tells it apart.
     */
    void append(int[] tuple) {
        int row = size;
        if ((row + 1) * arity > data.length) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, (row + 1) * arity));
        }
        if (row == ranks.length) {
            ranks = Arrays.copyOf(ranks, row * 2);
            provenance = Arrays.copyOf(provenance, row * 2);
        }
        System.arraycopy(tuple, 0, data, row * arity, arity);
        size++;
    }

    /** Adds the tuple; returns its new row, or -1 when it was already present. */
    int add(int[] tuple, int rank, int[] premises) {
        ensureHashed();
        int hash = hash(tuple);
        int mask = table.length - 1;
        int slot = hash & mask;
        while (table[slot] != 0) {
            if (equalsRow(table[slot] - 1, tuple)) {
                return -1;
            }
            slot = (slot + 1) & mask;
        }
        int row = size;
        if ((row + 1) * arity > data.length) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, (row + 1) * arity));
        }
        if (row == ranks.length) {
            ranks = Arrays.copyOf(ranks, row * 2);
            provenance = Arrays.copyOf(provenance, row * 2);
        }
        System.arraycopy(tuple, 0, data, row * arity, arity);
        ranks[row] = rank;
        provenance[row] = premises == null ? null : (premises.length == 0 ? NO_PREMISES : premises);
        table[slot] = row + 1;
        size++;
        hashed = size;
        if (size * 2 > table.length) {
            rehash(table.length * 2);
        }
        return row;
    }

    /** The row holding exactly {@code tuple} (its first copy), or -1. */
    int find(int[] tuple) {
        ensureHashed();
        int mask = table.length - 1;
        int slot = hash(tuple) & mask;
        while (table[slot] != 0) {
            if (equalsRow(table[slot] - 1, tuple)) {
                return table[slot] - 1;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    /** Whether {@code row} repeats an earlier row (possible only for appended input). */
    boolean duplicate(int row) {
        ensureHashed();
        return duplicates != null && duplicates.get(row);
    }

    /** Puts appended rows into the hash set, marking repeats as duplicates. */
    private void ensureHashed() {
        if (hashed == size) {
            return;
        }
        if (size * 2 > table.length) {
            int capacity = table.length;
            while (size * 2 > capacity) {
                capacity *= 2;
            }
            rehash(capacity);
        }
        int mask = table.length - 1;
        int[] tuple = new int[arity];
        for (int row = hashed; row < size; row++) {
            System.arraycopy(data, row * arity, tuple, 0, arity);
            int slot = hash(tuple) & mask;
            boolean repeated = false;
            while (table[slot] != 0) {
                if (equalsRow(table[slot] - 1, tuple)) {
                    repeated = true;
                    break;
                }
                slot = (slot + 1) & mask;
            }
            if (repeated) {
                if (duplicates == null) {
                    duplicates = new BitSet();
                }
                duplicates.set(row);
            } else {
                table[slot] = row + 1;
            }
        }
        hashed = size;
    }

    private void rehash(int capacity) {
        int[] grown = new int[capacity];
        int mask = grown.length - 1;
        int[] tuple = new int[arity];
        for (int row = 0; row < hashed; row++) {
            if (duplicates != null && duplicates.get(row)) {
                continue;
            }
            System.arraycopy(data, row * arity, tuple, 0, arity);
            int slot = hash(tuple) & mask;
            while (grown[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            grown[slot] = row + 1;
        }
        table = grown;
    }

    private boolean equalsRow(int row, int[] tuple) {
        int base = row * arity;
        for (int i = 0; i < arity; i++) {
            if (data[base + i] != tuple[i]) {
                return false;
            }
        }
        return true;
    }

    private static int hash(int[] tuple) {
        int h = 0x9E3779B9;
        for (int value : tuple) {
            h = (h ^ value) * 0x85EBCA6B;
            h ^= h >>> 15;
        }
        return finish(h);
    }

    /** Murmur3's finaliser, so that linear probing on the low bits sees well-mixed hashes. */
    static int finish(int hash) {
        int h = hash;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ (h >>> 16);
    }

    /** Sizes the storage for {@code rows} more rows at once, so bulk loading does not copy. */
    void reserve(int rows) {
        int needed = size + rows;
        if (needed * arity > data.length) {
            data = Arrays.copyOf(data, needed * arity);
        }
        if (needed > ranks.length) {
            ranks = Arrays.copyOf(ranks, needed);
            provenance = Arrays.copyOf(provenance, needed);
        }
    }

    /** Records how a row was derived: {@code [ruleId, premise rows...]}. */
    void setProvenance(int row, int[] premises) {
        provenance[row] = premises;
    }

    /** The index on {@code positions} (ascending), created on first use and brought up to date. */
    Index index(int[] positions) {
        int key = 0;
        for (int position : positions) {
            key |= 1 << position;
        }
        Index index = indexes.computeIfAbsent(key, k -> new Index(positions.clone()));
        index.catchUp();
        return index;
    }

    /**
     * A chained hash index on some positions: {@code heads[bucket]} is the newest row of the
     * bucket and {@code next[row]} the next older one, so chains run in descending row order and
     * a scan of a row window can stop as soon as it passes the window's lower end.
     */
    final class Index {
        private final int[] positions;
        private int[] heads = new int[16];
        private int[] next = new int[16];
        private int indexed;

        private Index(int[] positions) {
            this.positions = positions;
            Arrays.fill(heads, -1);
        }

        void catchUp() {
            if (indexed == size) {
                return;
            }
            if (size > heads.length * 3 / 4) {
                int capacity = heads.length;
                while (size > capacity * 3 / 4) {
                    capacity *= 2;
                }
                heads = new int[capacity];
                Arrays.fill(heads, -1);
                indexed = 0;
            }
            if (next.length < size) {
                next = Arrays.copyOf(next, Math.max(size, next.length * 2));
            }
            int mask = heads.length - 1;
            for (int row = indexed; row < size; row++) {
                int bucket = rowHash(row) & mask;
                next[row] = heads[bucket];
                heads[bucket] = row;
            }
            indexed = size;
        }

        private int rowHash(int row) {
            int h = 0x9E3779B9;
            int base = row * arity;
            for (int position : positions) {
                h = (h ^ data[base + position]) * 0x85EBCA6B;
                h ^= h >>> 15;
            }
            return finish(h);
        }

        /** The newest row in the bucket of {@code key} (values in position order), or -1. */
        int first(int[] key) {
            int h = 0x9E3779B9;
            for (int value : key) {
                h = (h ^ value) * 0x85EBCA6B;
                h ^= h >>> 15;
            }
            return heads[finish(h) & (heads.length - 1)];
        }

        /** The next older row of the same bucket, or -1. */
        int next(int row) {
            return next[row];
        }

        /** Whether {@code row} holds {@code key} at this index's positions (buckets may collide). */
        boolean matches(int row, int[] key) {
            int base = row * arity;
            for (int i = 0; i < positions.length; i++) {
                if (data[base + positions[i]] != key[i]) {
                    return false;
                }
            }
            return true;
        }
    }
}
