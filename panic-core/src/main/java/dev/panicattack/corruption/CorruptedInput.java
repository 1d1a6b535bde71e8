package dev.panicattack.corruption;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One named, replayable corrupted variant of some input: {@code kind.corrupt(original, seed)} gives
 * {@link #bytes()} again. The name reads {@code bit-flip#7 (seed 49)}: the kind, the variant's
 * index in its run, and the seed that replays it. User guide: {@code docs/corrupted-input.md}.
 */
public record CorruptedInput(String name, String kind, long seed, byte[] bytes) {

    /** The most variants one run may ask for: each is held in memory and, under JUnit, is one test. */
    public static final int MAX_VARIANTS = 10_000;

    public CorruptedInput {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        bytes = Objects.requireNonNull(bytes, "bytes").clone();
    }

    /** The variant of {@code original} for {@code kind} and {@code seed}, named as the {@code index}-th of its run. */
    public static CorruptedInput of(byte[] original, CorruptionKind kind, long seed, int index) {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(kind, "kind");
        if (index < 0) {
            throw new IllegalArgumentException("variant index must be 0 or more, but was " + index);
        }
        return new CorruptedInput(kind.label() + "#" + index + " (seed " + seed + ")", kind.name(), seed,
                kind.corrupt(original, seed));
    }

    /**
     * {@code count} variants of {@code original}: variant {@code i} uses kind {@code kinds[i % kinds.size()]}
     * and seed {@code seed + i}, so that {@code of(original, kind, seed + i, 0)} replays it alone.
     */
    public static List<CorruptedInput> variants(byte[] original, List<CorruptionKind> kinds, int count, long seed) {
        Objects.requireNonNull(original, "original");
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("at least one corruption kind is needed, but none was given; use any of "
                    + Arrays.toString(CorruptionKind.values()));
        }
        if (count < 1 || count > MAX_VARIANTS) {
            throw new IllegalArgumentException("variant count must be between 1 and " + MAX_VARIANTS + ", but was " + count);
        }
        List<CorruptedInput> variants = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            variants.add(of(original, kinds.get(i % kinds.size()), seed + i, i));
        }
        return List.copyOf(variants);
    }

    /** A copy: the variant stays the same however a test changes what it was given. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The number of corrupted bytes. */
    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CorruptedInput that && name.equals(that.name) && kind.equals(that.kind)
                && seed == that.seed && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, kind, seed, Arrays.hashCode(bytes));
    }

    @Override
    public String toString() {
        return name + " [" + bytes.length + " bytes]";
    }
}
