package dev.panicattack.corruption;

import java.util.Locale;

/**
 * One way of corrupting input bytes. Each kind is a pure function of the original bytes and a seed:
 * the same bytes and seed give the same corrupted bytes on every run and every JDK. User guide:
 * {@code docs/corrupted-input.md}.
 */
public enum CorruptionKind {
    /** Flips between 1 and 8 bits at positions chosen by the seed; an empty input becomes one byte {@code 0x01}. */
    BIT_FLIP,
    /** Keeps a prefix of length chosen by the seed in {@code [0, length - 1]}; an empty input stays empty. */
    TRUNCATION,
    /**
     * Inserts the first {@code [} or <code>{</code> of the input (or {@code [} at the start when there is
     * none) repeated between 10,000 and 99,999 times, at that bracket's position.
     */
    DEEP_NESTING,
    /**
     * Replaces one decimal digit run (chosen by the seed) with 2147483647, 4294967295 or
     * 9223372036854775807; input without digits gets a 32-bit big-endian length prefix overwritten
     * with {@code 0x7FFFFFFF}, {@code 0xFFFFFFFF} or {@code 0x80000000}.
     */
    HUGE_LENGTH,
    /**
     * Inserts, at an offset chosen by the seed, one invalid UTF-8 sequence: {@code C3 28} (bad
     * continuation), {@code ED A0 80} (a lone surrogate encoded as CESU-8), {@code C0 AF} or
     * {@code E0 80 AF} (overlong encodings), {@code FF} or a lone continuation byte {@code 80}.
     */
    INVALID_UTF8,
    /**
     * Replaces one decimal number (chosen by the seed) with a boundary value: 0, -1, -0, 2147483648,
     * -2147483649, 9223372036854775807, -9223372036854775808, 9223372036854775808, 1e309, -1e309,
     * NaN, Infinity or 4.9e-324; input without numbers gets one aligned 32-bit word overwritten with
     * 0, -1, {@code Integer.MIN_VALUE} or {@code Integer.MAX_VALUE}.
     */
    BOUNDARY_NUMBERS;

    /** The name used in variant names: {@code bit-flip}, {@code huge-length}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The corrupted bytes for this kind and seed; never changes {@code original}. */
    public byte[] corrupt(byte[] original, long seed) {
        byte[] input = original.clone();
        SeededSequence random = new SeededSequence(seed);
        return switch (this) {
            case BIT_FLIP -> Mutators.flipBits(input, random);
            case TRUNCATION -> Mutators.truncate(input, random);
            case DEEP_NESTING -> Mutators.nest(input, random);
            case HUGE_LENGTH -> Mutators.hugeLength(input, random);
            case INVALID_UTF8 -> Mutators.invalidUtf8(input, random);
            case BOUNDARY_NUMBERS -> Mutators.boundaryNumbers(input, random);
        };
    }
}
